//! The optional state file: the whole state as JSON, replaced atomically after
//! every change so a crash never leaves half a file.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::store::Seed;

pub fn save(path: &Path, state: &Seed) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(state).map_err(std::io::Error::other)?;
    let temporary = path.with_extension("tmp");
    {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(&json)?;
        file.sync_all()?;
    }
    fs::rename(&temporary, path)
}

pub fn load(path: &Path) -> Result<Option<Seed>, String> {
    match fs::read_to_string(path) {
        Ok(json) => Seed::parse(&json).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read state file {}: {e}", path.display())),
    }
}
