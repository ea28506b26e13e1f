//! Member `warehouse` of fixture `config-paths`: it does not depend on `shop`, so its `.id`
//! reads are never `shop`'s `Tracker::id`, whatever their type.

/// A parcel on its way.
pub struct Parcel {
    pub id: String,
    pub weight_grams: u32,
}

/// The carrier's tracking API (the `[[sink]]` `warehouse::Carrier::announce`).
pub struct Carrier;

impl Carrier {
    pub fn announce(&self, parcel_id: &str) {
        let _ = parcel_id;
    }
}

fn each_parcel(parcels: &[Parcel], visit: impl Fn(&Parcel)) {
    for parcel in parcels {
        visit(parcel);
    }
}

/// Announces the parcels to the carrier: a parcel's id is no personal data.
pub fn announce_all(parcels: &[Parcel], carrier: &Carrier) {
    each_parcel(parcels, |parcel| carrier.announce(&parcel.id));
}
