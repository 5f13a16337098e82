//! The stand-alone page built by trunk: mounts the widget on the page's elements.

fn main() {
    zitadel_mfa_manager::embed::define_custom_element();
    // The stand-alone page may sign itself in first (`data-signin`); the package's
    // `mountAll` does not carry that code.
    zitadel_mfa_manager::page::mount_page();
}
