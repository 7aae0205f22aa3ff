//! Server-side SVG: the timeline (incidents by date, height by killed, size by wounded) and the
//! map (Natural Earth country shapes, pre-projected, with incidents as dots sized by casualties).
//! All text in them is escaped; links go to incident pages.

use crate::html::{enc, esc};
use annalist_store::IncidentRow;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

const COUNTRIES: &str = include_str!("../data/countries-110m.tsv");
const MAP_W: f64 = 960.0;
const MAP_H: f64 = 480.0;

struct Shape {
    iso2: &'static str,
    name: &'static str,
    path: &'static str,
}

fn shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        COUNTRIES
            .lines()
            .filter_map(|l| {
                let mut f = l.splitn(3, '\t');
                Some(Shape { iso2: f.next()?, name: f.next()?, path: f.next()? })
            })
            .collect()
    })
}

/// A country's name as the map data gives it.
pub fn country_name(iso2: &str) -> Option<&'static str> {
    shapes().iter().find(|s| s.iso2 == iso2).map(|s| s.name)
}

fn project(lat: f64, lon: f64) -> (f64, f64) {
    ((lon + 180.0) * MAP_W / 360.0, (90.0 - lat) * MAP_H / 180.0)
}

fn casualties(r: &IncidentRow) -> u64 {
    r.killed.map_or(0, |k| k.low) + r.wounded.map_or(0, |k| k.low)
}

fn label(r: &IncidentRow) -> String {
    let day = r.date_start.map(|d| d.to_string()).unwrap_or_default();
    let killed = r.killed.map(|k| k.to_string()).unwrap_or_else(|| "?".into());
    let wounded = r.wounded.map(|k| k.to_string()).unwrap_or_else(|| "?".into());
    format!(
        "{} {} in {} ({}) — killed {killed}, wounded {wounded}",
        day,
        r.event_type,
        r.place.as_deref().unwrap_or("?"),
        r.country.as_deref().unwrap_or("?")
    )
}

/// The map: every country, those with incidents shaded, one dot per located incident. The view
/// fits the incidents (whole world when there are none).
pub fn map(rows: &[IncidentRow]) -> String {
    let mut per_country: HashMap<&str, usize> = HashMap::new();
    for r in rows {
        if let Some(c) = r.country.as_deref() {
            *per_country.entry(c).or_default() += 1;
        }
    }
    let points: Vec<(f64, f64, &IncidentRow)> = rows
        .iter()
        .filter_map(|r| match (r.lat, r.lon) {
            (Some(lat), Some(lon)) if lat.is_finite() && lon.is_finite() => {
                let (x, y) = project(lat.clamp(-90.0, 90.0), lon.clamp(-180.0, 180.0));
                Some((x, y, r))
            }
            _ => None,
        })
        .collect();
    let (mut x0, mut y0, mut x1, mut y1) = (0.0, 0.0, MAP_W, MAP_H);
    if !points.is_empty() {
        x0 = points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
        x1 = points.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
        y0 = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        y1 = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let mut w = ((x1 - x0) * 1.3).max(160.0);
        let mut h = ((y1 - y0) * 1.3).max(80.0);
        if w / h > 2.0 {
            h = w / 2.0;
        } else {
            w = h * 2.0;
        }
        w = w.min(MAP_W);
        h = h.min(MAP_H);
        x0 = (cx - w / 2.0).clamp(0.0, MAP_W - w);
        y0 = (cy - h / 2.0).clamp(0.0, MAP_H - h);
        x1 = x0 + w;
        y1 = y0 + h;
    }
    let scale = (x1 - x0) / MAP_W;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"map\" role=\"img\" aria-label=\"Map of incidents\" viewBox=\"{x0:.1} {y0:.1} {:.1} {:.1}\" xmlns=\"http://www.w3.org/2000/svg\">",
        x1 - x0,
        y1 - y0
    );
    let _ = write!(out, "<rect class=\"sea\" x=\"0\" y=\"0\" width=\"{MAP_W}\" height=\"{MAP_H}\"/>");
    out.push_str("<g class=\"countries\" stroke-width=\"");
    let _ = write!(out, "{:.2}", 0.6 * scale.max(0.15));
    out.push_str("\">");
    for s in shapes() {
        let n = per_country.get(s.iso2).copied().unwrap_or(0);
        let class = if n > 0 { "country has" } else { "country" };
        let _ = write!(out, "<path class=\"{class}\" data-iso=\"{}\" d=\"{}\"><title>", esc(s.iso2), s.path);
        out.push_str(&esc(s.name));
        if n > 0 {
            let _ = write!(out, ": {n} incident{}", if n == 1 { "" } else { "s" });
        }
        out.push_str("</title></path>");
    }
    out.push_str("</g><g class=\"dots\">");
    let mut sorted = points;
    sorted.sort_by_key(|p| std::cmp::Reverse(casualties(p.2)));
    for (x, y, r) in sorted {
        let radius = (2.5 + (casualties(r) as f64).sqrt() * 0.6).min(24.0) * scale.max(0.12);
        let _ = write!(
            out,
            "<a href=\"/incidents/{}\"><circle class=\"dot\" data-id=\"{}\" cx=\"{x:.2}\" cy=\"{y:.2}\" r=\"{radius:.2}\" stroke-width=\"{:.2}\"><title>{}</title></circle></a>",
            enc(&r.id),
            esc(&r.id),
            0.8 * scale.max(0.12),
            esc(&label(r))
        );
    }
    out.push_str("</g></svg>");
    out
}

fn days(d: NaiveDate) -> f64 {
    d.num_days_from_ce() as f64
}

/// The timeline: x is the date (the middle of each incident's interval, its span drawn as a
/// bar), y the number killed on a square-root scale, the dot's size the number wounded.
pub fn timeline(rows: &[IncidentRow]) -> String {
    let (w, h) = (960.0, 340.0);
    let (left, right, top, bottom) = (56.0, 30.0, 34.0, 40.0);
    let dated: Vec<(NaiveDate, NaiveDate, &IncidentRow)> = rows
        .iter()
        .filter_map(|r| {
            let s = r.date_start?;
            Some((s, r.date_end.unwrap_or(s).max(s), r))
        })
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"timeline\" role=\"img\" aria-label=\"Timeline of incidents\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    if dated.is_empty() {
        let _ =
            write!(out, "<text x=\"{}\" y=\"{}\" class=\"empty\">no dated incidents</text></svg>", w / 2.0, h / 2.0);
        return out;
    }
    let first = dated.iter().map(|d| d.0).min().unwrap_or_default();
    let last = dated.iter().map(|d| d.1).max().unwrap_or_default();
    let pad = ((days(last) - days(first)) * 0.04).max(15.0);
    let (t0, t1) = (days(first) - pad, days(last) + pad);
    let max_killed = dated.iter().map(|d| d.2.killed.map_or(0, |k| k.low)).max().unwrap_or(0).max(1) as f64;
    let x = |d: f64| left + (d - t0) / (t1 - t0) * (w - left - right);
    let y = |k: f64| h - bottom - k.sqrt() / max_killed.sqrt() * (h - top - bottom);
    // axes and gridlines
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        h - bottom,
        w - right,
        h - bottom
    );
    let _ = write!(out, "<line class=\"axis\" x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{}\"/>", h - bottom);
    let mut ticks: Vec<u64> = vec![0];
    let mut step = 1u64;
    while step <= max_killed as u64 {
        for m in [1, 2, 5] {
            let v = step * m;
            if v as f64 <= max_killed && (v as f64) >= max_killed / 40.0 {
                ticks.push(v);
            }
        }
        step *= 10;
    }
    // keep the labels apart on the square-root scale
    let mut kept: Vec<u64> = Vec::new();
    for v in ticks {
        let apart = match kept.last() {
            None => true,
            Some(&p) => y(p as f64) - y(v as f64) >= 18.0,
        };
        if apart {
            kept.push(v);
        }
    }
    let ticks = kept;
    for v in ticks {
        let yy = y(v as f64);
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{left}\" y1=\"{yy:.1}\" x2=\"{}\" y2=\"{yy:.1}\"/><text class=\"tick\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{v}</text>",
            w - right,
            left - 6.0,
            yy + 4.0
        );
    }
    let _ = write!(out, "<text class=\"label\" x=\"14\" y=\"{:.1}\" transform=\"rotate(-90 14 {:.1})\" text-anchor=\"middle\">killed</text>", (h - bottom + top) / 2.0, (h - bottom + top) / 2.0);
    let span_days = t1 - t0;
    let (from, to) = (NaiveDate::from_num_days_from_ce_opt(t0 as i32), NaiveDate::from_num_days_from_ce_opt(t1 as i32));
    if let (Some(from), Some(to)) = (from, to) {
        let step_months = if span_days > 365.0 * 12.0 {
            60
        } else if span_days > 365.0 * 3.0 {
            12
        } else if span_days > 365.0 {
            3
        } else {
            1
        };
        let mut m = from.year() * 12 + from.month0() as i32 + 1;
        m += (step_months - m % step_months) % step_months;
        while let Some(d) = NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1) {
            if d > to {
                break;
            }
            let xx = x(days(d));
            let text = if step_months >= 12 { d.format("%Y").to_string() } else { d.format("%b %Y").to_string() };
            let _ = write!(
                out,
                "<line class=\"grid\" x1=\"{xx:.1}\" y1=\"{top}\" x2=\"{xx:.1}\" y2=\"{}\"/><text class=\"tick\" x=\"{xx:.1}\" y=\"{}\" text-anchor=\"middle\">{text}</text>",
                h - bottom,
                h - bottom + 16.0
            );
            m += step_months;
        }
    }
    let mut sorted = dated;
    sorted.sort_by_key(|d| std::cmp::Reverse(d.2.wounded.map_or(0, |k| k.low)));
    // the deadliest few are named beside their dot
    let mut by_killed: Vec<&IncidentRow> =
        sorted.iter().map(|d| d.2).filter(|r| r.killed.is_some_and(|k| k.low > 0)).collect();
    by_killed.sort_by_key(|r| std::cmp::Reverse(r.killed.map_or(0, |k| k.low)));
    let named: Vec<&str> = by_killed.iter().take(8).map(|r| r.id.as_str()).collect();
    for (s, e, r) in sorted {
        let killed = r.killed.map_or(0, |k| k.low) as f64;
        let (xs, xe) = (x(days(s)), x(days(e) + 1.0));
        let yy = y(killed);
        let radius = (4.0 + (r.wounded.map_or(0, |k| k.low) as f64).sqrt() * 0.7).min(22.0);
        let class = if r.killed.is_some() { "dot" } else { "dot unknown" };
        let _ = write!(out, "<a href=\"/incidents/{}\">", enc(&r.id));
        if xe - xs > 2.0 {
            let _ = write!(out, "<line class=\"span\" x1=\"{xs:.1}\" y1=\"{yy:.1}\" x2=\"{xe:.1}\" y2=\"{yy:.1}\"/>");
        }
        let _ = write!(
            out,
            "<circle class=\"{class}\" data-id=\"{}\" cx=\"{:.1}\" cy=\"{yy:.1}\" r=\"{radius:.1}\"><title>{}</title></circle></a>",
            esc(&r.id),
            (xs + xe) / 2.0,
            esc(&label(r))
        );
        if named.contains(&r.id.as_str()) {
            let xm = (xs + xe) / 2.0;
            let anchor = if xm > w * 0.8 { "end" } else { "start" };
            let dx = if anchor == "end" { -(radius + 4.0) } else { radius + 4.0 };
            let _ = write!(
                out,
                "<text class=\"name\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
                xm + dx,
                yy + 4.0,
                esc(&format!(
                    "{} {}",
                    r.place.as_deref().unwrap_or(""),
                    r.killed.map(|k| k.to_string()).unwrap_or_default()
                ))
            );
        }
    }
    out.push_str("</svg>");
    out
}
