//! The storefront: the module `shop` of crate `shop`.

use crate::cli::Opt;
use crate::mail::Mailer;

/// A signed-in customer.
pub struct Customer {
    email: String,
}

impl Customer {
    /// The customer's email address (the `[[source]]` `shop::shop::Customer::email`).
    pub fn email(&self) -> String {
        self.email.clone()
    }
}

/// Sends the order with the customer's address to the fulfilment partner, for analytics,
/// without asking.
pub fn checkout(customer: &Customer) {
    let order = format!("order for {}", customer.email());
    crate::upload_order(&order); //~ unguarded_share
}

/// The same, behind `--no-analytics`.
pub fn checkout_respecting_opt_out(customer: &Customer, opt: &Opt) {
    if opt.no_analytics {
        return;
    }
    crate::upload_order(&customer.email());
}

/// Subscribes the customer to the newsletter without asking.
pub fn subscribe(customer: &Customer, mailer: &Mailer) {
    mailer.send(&customer.email(), "deals"); //~ unguarded_share
}

/// The same, behind `--no-ads`.
pub fn subscribe_respecting_opt_out(customer: &Customer, mailer: &Mailer, opt: &Opt) {
    if !opt.no_ads {
        mailer.send(&customer.email(), "deals");
    }
}

/// A gift voucher: its `key` is a code printed on paper, not the tracker's private key.
pub struct Voucher {
    pub key: String,
}

fn each_voucher(vouchers: &[Voucher], visit: impl Fn(&Voucher)) {
    for voucher in vouchers {
        visit(voucher);
    }
}

/// Sends the voucher codes along with the order; the closure's parameter has no written type,
/// and `Tracker::key` cannot be read here, so `voucher.key` is not the tracker's.
pub fn redeem(vouchers: &[Voucher]) {
    each_voucher(vouchers, |voucher| crate::upload_order(&voucher.key));
}
