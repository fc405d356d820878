//! Tests of `csv` (kept beside it, so the module itself stays short).

use super::*;

#[test]
fn quoted_fields_keep_breaks_and_quotes() {
    let rows = records("a,\"b\r\nc\",\"\"\"d\"\"\"\r\n1,2,3", ',');
    assert_eq!(
        rows,
        vec![vec!["a", "b\r\nc", "\"d\""], vec!["1", "2", "3"]]
    );
}

#[test]
fn dates_in_list_shapes() {
    assert_eq!(parse_any_date("14 Mar 2023"), Some((3, 14, Some(2023))));
    assert_eq!(parse_any_date("--06-09"), Some((6, 9, None)));
    assert_eq!(parse_any_date("21.3.1980"), Some((3, 21, Some(1980))));
    assert_eq!(parse_any_date("0.0.00"), None);
    assert_eq!(parse_any_date("March 14, 2023"), Some((3, 14, Some(2023))));
    assert_eq!(parse_any_date("3/21/1980"), Some((3, 21, Some(1980))));
    assert_eq!(parse_any_date("31 Feb 2023"), None);
}
