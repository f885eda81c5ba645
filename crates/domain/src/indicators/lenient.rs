//! Reading a JSON file into typed fields without giving up on a field of the wrong type: a
//! `Scalar` takes any JSON value, an `Object<T>` is `T` when the value is an object and `None`
//! otherwise, an `Array<T>` likewise for arrays. A parser then reports a wrong field at its row,
//! as it would from a `serde_json::Value`, but without building the file's whole tree of maps
//! and strings first (the Kolada import, measured in docs/performance.md, "Indicator import").

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Any JSON value, with the scalars kept: a string borrowed from the input where it has no
/// escapes, an integer as written, a number otherwise; arrays and objects are skipped.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
    /// An array or an object.
    Other,
}

impl Scalar<'_> {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The number, for an integer or a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Scalar::Int(i) => Some(*i as f64),
            Scalar::Float(x) => Some(*x),
            _ => None,
        }
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar<'de>, E> {
        Ok(i64::try_from(v).map_or(Scalar::Float(v as f64), Scalar::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_unit<E>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Scalar<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// `Some(T)` when the value is an object (read as `T`), `None` for any other value.
#[derive(Debug)]
pub struct Object<T>(pub Option<T>);

/// `Some` of the elements when the value is an array, `None` for any other value.
#[derive(Debug)]
pub struct Array<T>(pub Option<Vec<T>>);

/// The visitor of `Object` and `Array`: skips a value of another type.
struct Shaped<T>(PhantomData<T>);

macro_rules! skip_other_types {
    ($out:ty) => {
        fn visit_borrowed_str<E>(self, _: &'de str) -> Result<$out, E> {
            Ok(Default::default())
        }
        fn visit_str<E>(self, _: &str) -> Result<$out, E> {
            Ok(Default::default())
        }
        fn visit_i64<E>(self, _: i64) -> Result<$out, E> {
            Ok(Default::default())
        }
        fn visit_u64<E>(self, _: u64) -> Result<$out, E> {
            Ok(Default::default())
        }
        fn visit_f64<E>(self, _: f64) -> Result<$out, E> {
            Ok(Default::default())
        }
        fn visit_bool<E>(self, _: bool) -> Result<$out, E> {
            Ok(Default::default())
        }
        fn visit_unit<E>(self) -> Result<$out, E> {
            Ok(Default::default())
        }
        fn visit_none<E>(self) -> Result<$out, E> {
            Ok(Default::default())
        }
    };
}

impl<T> Default for Object<T> {
    fn default() -> Self {
        Object(None)
    }
}

impl<T> Default for Array<T> {
    fn default() -> Self {
        Array(None)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Shaped<Object<T>> {
    type Value = Object<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    skip_other_types!(Object<T>);
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Object<T>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Object(None))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(|t| Object(Some(t)))
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Shaped<Array<T>> {
    type Value = Array<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    skip_other_types!(Array<T>);
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Array<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(t) = seq.next_element()? {
            out.push(t);
        }
        Ok(Array(Some(out)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Array<T>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Array(None))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Shaped::<Object<T>>(PhantomData))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Array<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Shaped::<Array<T>>(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Row<'a> {
        #[serde(borrow)]
        a: Option<Scalar<'a>>,
        b: Option<Array<Scalar<'a>>>,
    }

    #[test]
    fn fields_of_any_type_are_read_or_skipped_never_refused() {
        let v: Array<Object<Row>> = serde_json::from_str(
            r#"[{"a": "x\"y", "b": [1, 2.5, null, {"z": [1]}]}, 7, {"a": [1], "b": {"c": 1}}, {}]"#,
        )
        .unwrap();
        let rows = v.0.unwrap();
        assert_eq!(rows.len(), 4);
        let first = rows[0].0.as_ref().unwrap();
        assert_eq!(first.a, Some(Scalar::Str("x\"y".into())));
        let b = first.b.as_ref().unwrap().0.as_ref().unwrap();
        assert_eq!(b, &vec![Scalar::Int(1), Scalar::Float(2.5), Scalar::Null, Scalar::Other]);
        assert!(rows[1].0.is_none(), "a number where an object belongs");
        let third = rows[2].0.as_ref().unwrap();
        assert_eq!((third.a.clone(), third.b.as_ref().unwrap().0.is_none()), (Some(Scalar::Other), true));
        assert!(rows[3].0.as_ref().unwrap().a.is_none());
        let not_array: Array<Scalar> = serde_json::from_str(r#""text""#).unwrap();
        assert!(not_array.0.is_none());
    }

    #[test]
    fn broken_json_is_still_an_error() {
        assert!(serde_json::from_str::<Array<Object<Row>>>(r#"[{"a": 1,}]"#).is_err());
    }
}
