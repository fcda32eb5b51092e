//! `RangeQuery<T>`: a list filter that is either one exact value (`created=5`) or an interval
//! (`created[gte]=1&created[lt]=9`), the spec's `anyOf: [range_query_specs, integer]`. In every
//! build, because a response may hold the same shape (a model then reads and writes it back with
//! serde); its form encoding is the `requests` feature's.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, SerializeMap, Serializer};

#[cfg(feature = "requests")]
use crate::encode::{EncodeParam, FormPairs};

/// An exact value or an interval to filter a list by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RangeQuery<T> {
    /// Only this exact value.
    Exact(T),
    /// Values within these bounds; unset bounds do not constrain.
    Bounds {
        /// Strictly greater than this.
        gt: Option<T>,
        /// Greater than or equal to this.
        gte: Option<T>,
        /// Strictly less than this.
        lt: Option<T>,
        /// Less than or equal to this.
        lte: Option<T>,
    },
}

impl<T> RangeQuery<T> {
    /// No bound yet; add some with the chained methods.
    pub fn bounds() -> Self {
        Self::Bounds {
            gt: None,
            gte: None,
            lt: None,
            lte: None,
        }
    }

    /// Values strictly greater than `value`.
    pub fn gt(self, value: T) -> Self {
        self.with(|b| b.0 = Some(value))
    }

    /// Values greater than or equal to `value`.
    pub fn gte(self, value: T) -> Self {
        self.with(|b| b.1 = Some(value))
    }

    /// Values strictly less than `value`.
    pub fn lt(self, value: T) -> Self {
        self.with(|b| b.2 = Some(value))
    }

    /// Values less than or equal to `value`.
    pub fn lte(self, value: T) -> Self {
        self.with(|b| b.3 = Some(value))
    }

    /// Applies `set` to the four bounds; an exact value is replaced by bounds.
    fn with(self, set: impl FnOnce(&mut (Option<T>, Option<T>, Option<T>, Option<T>))) -> Self {
        let mut bounds = match self {
            Self::Exact(_) => (None, None, None, None),
            Self::Bounds { gt, gte, lt, lte } => (gt, gte, lt, lte),
        };
        set(&mut bounds);
        let (gt, gte, lt, lte) = bounds;
        Self::Bounds { gt, gte, lt, lte }
    }
}

impl<T> From<T> for RangeQuery<T> {
    fn from(value: T) -> Self {
        Self::Exact(value)
    }
}

#[cfg(feature = "requests")]
impl<T: EncodeParam> EncodeParam for RangeQuery<T> {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        match self {
            Self::Exact(value) => value.encode_param(key, out),
            Self::Bounds { gt, gte, lt, lte } => {
                out.field(key, "gt", gt);
                out.field(key, "gte", gte);
                out.field(key, "lt", lt);
                out.field(key, "lte", lte);
            }
        }
    }
}

/// Reads a bare value as `Exact` and an object of `gt`/`gte`/`lt`/`lte` as `Bounds`, as Stripe's
/// SDKs take them.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for RangeQuery<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Bounds<T> {
            gt: Option<T>,
            gte: Option<T>,
            lt: Option<T>,
            lte: Option<T>,
        }
        let value = serde_json::Value::deserialize(deserializer)?;
        if value.is_object() {
            let b = Bounds::<T>::deserialize(value).map_err(D::Error::custom)?;
            Ok(Self::Bounds {
                gt: b.gt,
                gte: b.gte,
                lt: b.lt,
                lte: b.lte,
            })
        } else {
            T::deserialize(value).map(Self::Exact).map_err(D::Error::custom)
        }
    }
}

/// Writes an exact value as itself and bounds as an object of the bounds that are set: the
/// inverse of `Deserialize`, so a model holding a range (a filter echoed in a response) derives
/// `Serialize` like any other.
impl<T: Serialize> Serialize for RangeQuery<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Exact(value) => value.serialize(serializer),
            Self::Bounds { gt, gte, lt, lte } => {
                let bounds = [("gt", gt), ("gte", gte), ("lt", lt), ("lte", lte)];
                let set = bounds.iter().filter(|(_, bound)| bound.is_some()).count();
                let mut map = serializer.serialize_map(Some(set))?;
                for (name, bound) in bounds {
                    if let Some(bound) = bound {
                        map.serialize_entry(name, bound)?;
                    }
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "requests")]
    fn encode(range: &RangeQuery<i64>) -> String {
        let mut out = FormPairs::new();
        out.field("", "created", range);
        out.to_urlencoded()
    }

    #[cfg(feature = "requests")]
    #[test]
    fn exact_and_bounded_ranges_encode_like_the_sdks() {
        assert_eq!(encode(&RangeQuery::from(5)), "created=5");
        assert_eq!(
            encode(&RangeQuery::bounds().gte(1).lt(9)),
            "created[gte]=1&created[lt]=9"
        );
        assert_eq!(
            encode(&RangeQuery::Exact(3).gt(1).gte(2).lt(3).lte(4)),
            "created[gt]=1&created[gte]=2&created[lt]=3&created[lte]=4"
        );
        assert_eq!(encode(&RangeQuery::bounds()), "");
    }

    #[test]
    fn reads_exact_values_and_bounds() {
        let exact: RangeQuery<i64> = serde_json::from_str("7").unwrap();
        assert_eq!(exact, RangeQuery::Exact(7));
        let bounds: RangeQuery<i64> = serde_json::from_str(r#"{"gte":1,"lt":2}"#).unwrap();
        assert_eq!(bounds, RangeQuery::bounds().gte(1).lt(2));
        assert!(serde_json::from_str::<RangeQuery<i64>>(r#"{"after":1}"#).is_err());
    }

    #[test]
    fn writes_back_what_it_reads() {
        for json in ["7", r#"{"gte":1,"lt":2}"#, "{}"] {
            let range: RangeQuery<i64> = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&range).unwrap(), json);
        }
    }
}
