//! The stand-alone page built by trunk: mounts the widget on the page's elements.

fn main() {
    zitadel_mfa_manager::embed::define_custom_element();
    zitadel_mfa_manager::embed::mount_all();
}
