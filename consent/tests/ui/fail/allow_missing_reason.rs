#[consent::allow(unguarded_share)]
fn dump() {}

#[consent::allow(reason = "local file")]
fn dump_again() {}

fn main() {
    dump();
    dump_again();
}
