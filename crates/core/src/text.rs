//! Ordering of names the way people expect in lists: ignoring case, for
//! the Latin and Cyrillic alphabets our users write in.
//!
//! Full Unicode case folding would pull large tables into the wasm build
//! for scripts the product does not serve; this covers Russian (with Ё
//! after Е, as in the alphabet) and English.

/// A key that sorts names case-insensitively in alphabet order.
pub fn sort_key(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            'А'..='Я' => char::from_u32(c as u32 + 32).unwrap_or(c),
            'Ё' | 'ё' => 'е',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        names.sort_by_cached_key(|name| (sort_key(name), name.clone()));
        names
    }

    #[test]
    fn case_does_not_change_the_order() {
        assert_eq!(sorted(&["beta", "Alpha", "alpha2", "Gamma"]), ["Alpha", "alpha2", "beta", "Gamma"]);
        assert_eq!(sorted(&["яблоко", "Арбуз", "банан"]), ["Арбуз", "банан", "яблоко"]);
    }

    #[test]
    fn yo_sorts_with_ye() {
        assert_eq!(sort_key("Ёлка"), "елка");
        assert_eq!(sorted(&["Жук", "Ёж", "Дом"]), ["Дом", "Ёж", "Жук"]);
    }

    #[test]
    fn surrounding_spaces_are_ignored() {
        assert_eq!(sort_key("  Acme "), "acme");
    }
}
