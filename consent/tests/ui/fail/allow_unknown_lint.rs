#[consent::allow(unguarded_shares, reason = "local file")]
fn dump() {}

#[consent::allow(dead_code, reason = "local file")]
fn dump_more() {}

#[consent::allow("ignored_check", reason = "local file")]
fn dump_quoted() {}

#[consent::allow(unguarded_share, purpose_mismatch, reason = "local file")]
fn dump_twice() {}

fn main() {
    dump();
    dump_more();
    dump_quoted();
    dump_twice();
}
