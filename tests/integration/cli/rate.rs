//! `nanp jurisdiction`.

use serde_json::Value;

use crate::common::{nanp, stderr, stdout};

#[test]
fn jurisdiction_prints_the_rule_that_decided() {
    let o = nanp(&["jurisdiction", "+1 201 555 0100", "212-555-0100"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "interstate: the ends are in different states (NJ to NY) [different-states]\n"
    );
    let o = nanp(&[
        "jurisdiction",
        "anonymous",
        "2125550100",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (v["jurisdiction"].as_str(), v["rule"].as_str()),
        (Some("indeterminate"), Some("ani-withheld"))
    );
    assert!(v["ani_state"].is_null());
    assert_eq!(v["dialed_state"], "NY");
    let o = nanp(&[
        "jurisdiction",
        "4165550100",
        "2125550100",
        "--canadian-ani",
        "indeterminate",
    ]);
    assert!(stdout(&o).starts_with("indeterminate: the calling number is Canadian"));
    let o = nanp(&[
        "jurisdiction",
        "2015550100",
        "2125550100",
        "--state-from-exchange",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("need --exchanges FILE"));
}
