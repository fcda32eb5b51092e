//! `RangeQuery<T>`: a list filter that is either one exact value (`created=5`) or an interval
//! (`created[gte]=1&created[lt]=9`), the spec's `anyOf: [range_query_specs, integer]`.

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

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(range: &RangeQuery<i64>) -> String {
        let mut out = FormPairs::new();
        out.field("", "created", range);
        out.to_urlencoded()
    }

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
}
