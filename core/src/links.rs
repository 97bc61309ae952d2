//! Where the project's documentation lives on the web, in one place, so that every front end
//! (reports, SARIF `helpUri`, the language server's `codeDescription`, the drafting page) links a
//! rule to the same page. The base is the `repository` of the workspace's Cargo.toml.

/// The repository's web address (Cargo.toml `repository`).
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The folder of the rule pages in the repository: one `docs/rules/<ID>.md` per built-in rule.
pub const RULE_DOCS: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules/");

/// The documentation page of a built-in rule. Rules from extra rule folders have no page there;
/// callers link those by their own `url`, if any.
pub fn rule_doc_url(id: &str) -> String {
    format!("{RULE_DOCS}{id}.md")
}

#[cfg(test)]
mod tests {
    #[test]
    fn rule_pages_lie_under_the_repository() {
        assert_eq!(super::rule_doc_url("DC-SF-001"), format!("{}/blob/main/docs/rules/DC-SF-001.md", super::REPOSITORY));
        assert!(super::REPOSITORY.starts_with("https://"), "{}", super::REPOSITORY);
    }
}
