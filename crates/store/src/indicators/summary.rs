//! Each indicator's status, for the list page and for other rooms (the strategy's pages call
//! `indicator_summary` with the indicators linked to a node).

use serde::Serialize;

use super::{Assessment, Gender, Indicator};
use crate::{Result, Store};
use domain::indicators::status::{self, Point};

/// An indicator with its latest value and status for its own geography (gender total).
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorSummary {
    pub indicator: Indicator,
    pub latest: Option<Point>,
    pub assessment: Option<Assessment>,
}

impl Store {
    /// The status of one indicator: its geography's total series against its baseline year and
    /// target (`domain::indicators::status::assess`).
    pub async fn indicator_status(&self, i: &Indicator) -> Result<IndicatorSummary> {
        let series = self.indicator_series(i.id, &[&i.geography], Gender::Total).await?;
        let points: Vec<Point> =
            series.iter().filter_map(|v| v.value.map(|value| Point { year: v.year, value })).collect();
        let assessment = status::assess(&points, i.direction, i.baseline.map(|b| b.year), i.target);
        Ok(IndicatorSummary { indicator: i.clone(), latest: points.last().copied(), assessment })
    }

    /// The summaries of the indicators `ids` (unknown ids left out), in the order given.
    pub async fn indicator_summary(&self, ids: &[i64]) -> Result<Vec<IndicatorSummary>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(i) = self.indicator(*id).await? {
                out.push(self.indicator_status(&i).await?);
            }
        }
        Ok(out)
    }
}
