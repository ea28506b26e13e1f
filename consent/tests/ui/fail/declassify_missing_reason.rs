#[consent::declassify]
fn count(ids: &[u64]) -> usize {
    ids.len()
}

#[consent::declassify(reason = "  ")]
fn total(ids: &[u64]) -> usize {
    ids.len()
}

#[consent::declassify(reason = because)]
fn sum(ids: &[u64]) -> u64 {
    ids.iter().sum()
}

fn main() {
    let _ = (count(&[]), total(&[]), sum(&[]));
}
