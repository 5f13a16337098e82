//! Writes each language but English as the JSON file a release build loads at run time:
//! `cargo run --example catalogues -- DIR` gives DIR/de.json, DIR/fr.json, …

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use zitadel_mfa_manager::i18n::Locale;
    let dir = std::env::args().nth(1).expect("usage: catalogues DIR");
    std::fs::create_dir_all(&dir).expect("the output folder");
    for locale in Locale::ALL.into_iter().filter(|l| *l != Locale::En) {
        let path = std::path::Path::new(&dir).join(format!("{}.json", locale.tag()));
        std::fs::write(&path, locale.messages().to_json()).expect("a catalogue file");
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
