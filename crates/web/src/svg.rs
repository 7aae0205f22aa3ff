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

/// A part of the map in its own units (plate carrée on `MAP_W` × `MAP_H`): always twice as
/// wide as high, inside the world.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub x: f64,
    pub y: f64,
    pub w: f64,
}

/// The narrowest view (a zoom of 64: about 5.6° of longitude).
const MIN_VIEW_W: f64 = MAP_W / 64.0;
/// The narrowest view a fit to the incidents or a country picks (about 22° of longitude).
const MIN_FIT_W: f64 = MAP_W / 16.0;

impl View {
    pub const WORLD: View = View { x: 0.0, y: 0.0, w: MAP_W };

    pub fn h(&self) -> f64 {
        self.w / 2.0
    }

    /// The view centred on (cx, cy) `w` wide, kept inside the world.
    pub fn around(cx: f64, cy: f64, w: f64) -> View {
        let w = w.clamp(MIN_VIEW_W, MAP_W);
        let h = w / 2.0;
        View { x: (cx - w / 2.0).clamp(0.0, MAP_W - w), y: (cy - h / 2.0).clamp(0.0, MAP_H - h), w }
    }

    /// The smallest view holding the box (x0, y0)–(x1, y1) with a margin, at least `min_w` wide.
    pub fn fit(x0: f64, y0: f64, x1: f64, y1: f64, min_w: f64) -> View {
        let w = ((x1 - x0) * 1.3).max((y1 - y0) * 1.3 * 2.0).max(min_w);
        View::around((x0 + x1) / 2.0, (y0 + y1) / 2.0, w)
    }

    /// The view of a `bbox` parameter, `west,south,east,north` in degrees.
    pub fn from_bbox(raw: &str) -> Option<View> {
        let v: Vec<f64> = raw.split(',').map(|p| p.trim().parse::<f64>().ok()).collect::<Option<_>>()?;
        let [west, south, east, north] = v[..] else { return None };
        let ok = |d: f64, lim: f64| d.is_finite() && d.abs() <= lim;
        if !(ok(west, 180.0) && ok(east, 180.0) && ok(south, 90.0) && ok(north, 90.0)) || west >= east || south >= north
        {
            return None;
        }
        let (x0, y0) = project(north, west);
        let (x1, y1) = project(south, east);
        let w = (x1 - x0).max((y1 - y0) * 2.0);
        Some(View::around((x0 + x1) / 2.0, (y0 + y1) / 2.0, w))
    }

    /// This view as a `bbox` parameter (degrees, two decimals).
    pub fn bbox(&self) -> String {
        let lon = |x: f64| x * 360.0 / MAP_W - 180.0;
        let lat = |y: f64| 90.0 - y * 180.0 / MAP_H;
        format!("{:.2},{:.2},{:.2},{:.2}", lon(self.x), lat(self.y + self.h()), lon(self.x + self.w), lat(self.y))
    }

    pub fn zoomed(&self, factor: f64) -> View {
        View::around(self.x + self.w / 2.0, self.y + self.h() / 2.0, self.w / factor)
    }

    /// Moved by a fraction of its width and height.
    pub fn panned(&self, dx: f64, dy: f64) -> View {
        View::around(self.x + self.w * (0.5 + dx), self.y + self.h() * (0.5 + dy), self.w)
    }

    fn holds(&self, x: f64, y: f64) -> bool {
        x >= self.x && x <= self.x + self.w && y >= self.y && y <= self.y + self.h()
    }

    /// How many times the whole world this is (1 for the world).
    pub fn zoom(&self) -> f64 {
        MAP_W / self.w
    }
}

/// The box of a country's largest outline (its mainland: France without French Guiana).
fn mainland(iso2: &str) -> Option<(f64, f64, f64, f64)> {
    let shape = shapes().iter().find(|s| s.iso2 == iso2)?;
    let mut best: Option<(f64, (f64, f64, f64, f64))> = None;
    for ring in shape.path.split('M').filter(|r| !r.is_empty()) {
        let mut b = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
        for pair in ring.split('L') {
            let mut xy = pair.trim_end_matches('Z').split(',').filter_map(|n| n.trim().parse::<f64>().ok());
            if let (Some(x), Some(y)) = (xy.next(), xy.next()) {
                b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
            }
        }
        let area = (b.2 - b.0) * (b.3 - b.1);
        if area.is_finite() && best.is_none_or(|(a, _)| area > a) {
            best = Some((area, b));
        }
    }
    best.map(|(_, b)| b)
}

fn located(rows: &[IncidentRow]) -> Vec<(f64, f64, &IncidentRow)> {
    rows.iter()
        .filter_map(|r| match (r.lat, r.lon) {
            (Some(lat), Some(lon)) if lat.is_finite() && lon.is_finite() => {
                let (x, y) = project(lat.clamp(-90.0, 90.0), lon.clamp(-180.0, 180.0));
                Some((x, y, r))
            }
            _ => None,
        })
        .collect()
}

/// The view that fits the incidents: the filtered country's mainland and its incidents where the
/// filter names one, else every located incident; the world when there is none.
pub fn fitted(rows: &[IncidentRow], country: Option<&str>) -> View {
    let points = located(rows);
    let mut b =
        country.and_then(mainland).unwrap_or((f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY));
    for (x, y, _) in &points {
        b = (b.0.min(*x), b.1.min(*y), b.2.max(*x), b.3.max(*y));
    }
    if !b.0.is_finite() {
        return View::WORLD;
    }
    View::fit(b.0, b.1, b.2, b.3, MIN_FIT_W)
}

/// Whether an incident is drawn in `view` (for the table under the map).
pub fn in_view(r: &IncidentRow, view: &View) -> bool {
    located(std::slice::from_ref(r)).first().is_some_and(|(x, y, _)| view.holds(*x, *y))
}

/// Incidents near one another at this zoom, drawn as one mark.
pub struct Cluster<'a> {
    pub x: f64,
    pub y: f64,
    pub members: Vec<&'a IncidentRow>,
    /// The box of the members' points.
    pub bounds: (f64, f64, f64, f64),
}

/// Groups the points in `view` that lie within `radius` (map units) of a cluster's first point,
/// the most casualties first; a grid of `radius` cells keeps each look-up to nine cells.
pub fn clusters<'a>(rows: &'a [IncidentRow], view: &View, radius: f64) -> Vec<Cluster<'a>> {
    let mut points: Vec<(f64, f64, &IncidentRow)> =
        located(rows).into_iter().filter(|(x, y, _)| view.holds(*x, *y)).collect();
    points.sort_by(|a, b| casualties(b.2).cmp(&casualties(a.2)).then_with(|| a.2.id.cmp(&b.2.id)));
    let mut out: Vec<Cluster<'a>> = Vec::new();
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let cell = |v: f64| (v / radius).floor() as i64;
    for (x, y, r) in points {
        let (cx, cy) = (cell(x), cell(y));
        let near = (cx - 1..=cx + 1)
            .flat_map(|i| (cy - 1..=cy + 1).map(move |j| (i, j)))
            .filter_map(|k| grid.get(&k))
            .flatten()
            .copied()
            .filter(|&c| (out[c].x - x).hypot(out[c].y - y) <= radius)
            .min();
        match near {
            Some(c) => {
                let k = &mut out[c];
                k.members.push(r);
                k.bounds = (k.bounds.0.min(x), k.bounds.1.min(y), k.bounds.2.max(x), k.bounds.3.max(y));
            }
            None => {
                grid.entry((cx, cy)).or_default().push(out.len());
                out.push(Cluster { x, y, members: vec![r], bounds: (x, y, x, y) });
            }
        }
    }
    // marks that would still touch on screen become one, until none do; no two marks are
    // further apart than three cluster radii and still touching, so a grid of that size finds them
    let mark = |k: &Cluster| marker_radius(k.members.len(), casualties(k.members[0])) * radius / CLUSTER_PX;
    let reach = radius * 3.0;
    loop {
        let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (i, k) in out.iter().enumerate() {
            grid.entry(((k.x / reach).floor() as i64, (k.y / reach).floor() as i64)).or_default().push(i);
        }
        let mut gone = vec![false; out.len()];
        let mut merged = false;
        for i in 0..out.len() {
            if gone[i] {
                continue;
            }
            let (cx, cy) = ((out[i].x / reach).floor() as i64, (out[i].y / reach).floor() as i64);
            let near: Vec<usize> = (cx - 1..=cx + 1)
                .flat_map(|a| (cy - 1..=cy + 1).map(move |b| (a, b)))
                .filter_map(|c| grid.get(&c))
                .flatten()
                .copied()
                .filter(|&j| j > i && !gone[j])
                .collect();
            for j in near {
                let (a, b) = (&out[i], &out[j]);
                if (a.x - b.x).hypot(a.y - b.y) < mark(a) + mark(b) + radius / 8.0 {
                    gone[j] = true;
                    merged = true;
                    let other = std::mem::take(&mut out[j].members);
                    let (ob, ox, oy) = (out[j].bounds, out[j].x, out[j].y);
                    let k = &mut out[i];
                    let (n, m) = (k.members.len() as f64, other.len() as f64);
                    k.x = (k.x * n + ox * m) / (n + m);
                    k.y = (k.y * n + oy * m) / (n + m);
                    k.bounds = (k.bounds.0.min(ob.0), k.bounds.1.min(ob.1), k.bounds.2.max(ob.2), k.bounds.3.max(ob.3));
                    k.members.extend(other);
                }
            }
        }
        if !merged {
            break;
        }
        let mut i = 0;
        out.retain(|_| {
            i += 1;
            !gone[i - 1]
        });
    }
    out
}

/// The distance (screen px at the map's drawn width) within which incidents are one mark.
const CLUSTER_PX: f64 = 16.0;

/// A mark's radius in screen px: a dot by its casualties, a cluster by its count.
fn marker_radius(members: usize, casualties: u64) -> f64 {
    if members > 1 {
        (7.0 + (members as f64).sqrt() * 2.2).min(22.0)
    } else {
        (2.5 + (casualties as f64).sqrt() * 0.6).min(24.0)
    }
}

/// The map of `view`: every country, those with incidents shaded, and the incidents in view as
/// dots sized by casualties, or where several lie close at this zoom, one mark with their count
/// that links to `cluster_href` (a closer view of them). Sizes are in screen terms whatever the
/// zoom.
pub fn map(rows: &[IncidentRow], view: &View, cluster_href: &dyn Fn(&Cluster) -> String) -> String {
    let mut per_country: HashMap<&str, usize> = HashMap::new();
    for r in rows {
        if let Some(c) = r.country.as_deref() {
            *per_country.entry(c).or_default() += 1;
        }
    }
    // one map unit at this zoom is `scale` units of the world view, drawn ~960 px wide
    // The shapes are scaled into the view by a transform; the marks are placed in the SVG's own
    // 960 × 480 units at their screen size (a text a few hundredths of a unit high, scaled up by
    // a viewBox, is drawn by Chromium at its minimum font size: a blot).
    let scale = view.w / MAP_W;
    let zoom = 1.0 / scale;
    let at = |x: f64, y: f64| ((x - view.x) * zoom, (y - view.y) * zoom);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"map\" role=\"img\" aria-label=\"Map of incidents\" viewBox=\"0 0 {MAP_W} {MAP_H}\" data-bbox=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        view.bbox()
    );
    let _ = write!(
        out,
        "<g class=\"world\" transform=\"scale({zoom:.4}) translate({:.3} {:.3})\"><rect class=\"sea\" x=\"0\" y=\"0\" width=\"{MAP_W}\" height=\"{MAP_H}\"/>",
        -view.x,
        -view.y
    );
    let _ = write!(out, "<g class=\"countries\" stroke-width=\"{:.4}\">", 0.6 * scale);
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
    out.push_str("</g></g><g class=\"dots\">");
    let groups = clusters(rows, view, CLUSTER_PX * scale);
    // the singles first, clusters on top of them
    for k in groups.iter().filter(|k| k.members.len() == 1) {
        let r = k.members[0];
        let (x, y) = at(k.x, k.y);
        let _ = write!(
            out,
            "<a href=\"/incidents/{}\"><circle class=\"dot\" data-id=\"{}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" stroke-width=\"0.8\"><title>{}</title></circle></a>",
            enc(&r.id),
            esc(&r.id),
            marker_radius(1, casualties(r)),
            esc(&label(r))
        );
    }
    for k in groups.iter().filter(|k| k.members.len() > 1) {
        let n = k.members.len();
        let mut title = format!("{n} incidents here; click to look closer");
        for r in k.members.iter().take(12) {
            title.push('\n');
            title.push_str(&label(r));
        }
        if n > 12 {
            let _ = write!(title, "\n… and {} more", n - 12);
        }
        let (x, y) = at(k.x, k.y);
        let _ = write!(
            out,
            "<a href=\"{}\" class=\"cluster\"><circle class=\"cluster\" data-count=\"{n}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" stroke-width=\"1.2\"><title>{}</title></circle><text class=\"cluster-count\" x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{n}</text></a>",
            esc(&cluster_href(k)),
            marker_radius(n, 0),
            esc(&title),
            y + 3.8
        );
    }
    out.push_str("</g></svg>");
    out
}

/// The view a click on `k` opens: its members' box, at least twice as close as `view`.
pub fn closer(k: &Cluster, view: &View) -> View {
    let (x0, y0, x1, y1) = k.bounds;
    let fit = View::fit(x0, y0, x1, y1, MAP_W / 32.0);
    if fit.w <= view.w / 2.0 {
        fit
    } else {
        View::around((x0 + x1) / 2.0, (y0 + y1) / 2.0, view.w / 4.0)
    }
}

fn days(d: NaiveDate) -> f64 {
    d.num_days_from_ce() as f64
}

/// The periods the timeline counts incidents by: weeks (from Monday) for up to half a year,
/// months for up to ten years, years beyond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Week,
    Month,
    Year,
}

impl Period {
    fn for_span(days: f64) -> Period {
        if days <= 190.0 {
            Period::Week
        } else if days <= 3660.0 {
            Period::Month
        } else {
            Period::Year
        }
    }

    fn start(&self, d: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64),
            Period::Month => d.with_day(1).unwrap_or(d),
            Period::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
        }
    }

    fn next(&self, d: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => d + chrono::Duration::days(7),
            Period::Month => d.checked_add_months(chrono::Months::new(1)).unwrap_or(d),
            Period::Year => d.checked_add_months(chrono::Months::new(12)).unwrap_or(d),
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }
}

/// Incidents per period, by the day each starts on: (period start, count), every period from
/// the first to the last, empty ones included.
pub fn per_period(starts: &[NaiveDate], period: Period) -> Vec<(NaiveDate, usize)> {
    let (Some(first), Some(last)) = (starts.iter().min(), starts.iter().max()) else { return Vec::new() };
    let mut counts: HashMap<NaiveDate, usize> = HashMap::new();
    for d in starts {
        *counts.entry(period.start(*d)).or_default() += 1;
    }
    let mut out = Vec::new();
    let mut p = period.start(*first);
    while p <= *last {
        out.push((p, counts.get(&p).copied().unwrap_or(0)));
        let n = period.next(p);
        if n <= p {
            break;
        }
        p = n;
    }
    out
}

/// A box taken by a label or a dot, to keep labels off one another.
#[derive(Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// The width of `text` at `size` px in the page's sans-serif, a little generously.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.6
}

/// The timeline: x is the date (the middle of each incident's interval, its span drawn as a
/// bar), y the number killed on a square-root scale, the dot's size the number wounded; under
/// it, bars of how many incidents began each week, month or year. The deadliest are named where
/// a label fits beside their dot without covering another label or dot; date labels are spaced
/// so they never touch.
pub fn timeline(rows: &[IncidentRow]) -> String {
    let (w, h) = (960.0, 420.0);
    let (left, right, top) = (56.0, 30.0, 34.0);
    // the dots' plot ends at `plot_bottom`; the bars fill `bars_top`..`bars_bottom`; date labels below
    let (plot_bottom, bars_top, bars_bottom) = (280.0, 300.0, 380.0);
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
    let period = Period::for_span(days(last) - days(first));
    let starts: Vec<NaiveDate> = dated.iter().map(|d| d.0).collect();
    let bins = per_period(&starts, period);
    let bin_first = bins.first().map_or(first, |b| b.0);
    let bin_end = bins.last().map_or(last, |b| period.next(b.0));
    let pad = ((days(last.max(bin_end)) - days(first.min(bin_first))) * 0.02).max(3.0);
    let (t0, t1) = (days(first.min(bin_first)) - pad, days(last.max(bin_end)) + pad);
    let max_killed = dated.iter().map(|d| d.2.killed.map_or(0, |k| k.low)).max().unwrap_or(0).max(1) as f64;
    let x = |d: f64| left + (d - t0) / (t1 - t0) * (w - left - right);
    let y = |k: f64| plot_bottom - k.sqrt() / max_killed.sqrt() * (plot_bottom - top);
    // axes
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{plot_bottom}\" x2=\"{}\" y2=\"{plot_bottom}\"/><line class=\"axis\" x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{plot_bottom}\"/>",
        w - right
    );
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
        if kept.last().is_none_or(|&p| y(p as f64) - y(v as f64) >= 18.0) {
            kept.push(v);
        }
    }
    for v in kept {
        let yy = y(v as f64);
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{left}\" y1=\"{yy:.1}\" x2=\"{}\" y2=\"{yy:.1}\"/><text class=\"tick\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{v}</text>",
            w - right,
            left - 6.0,
            yy + 4.0
        );
    }
    let mid = (plot_bottom + top) / 2.0;
    let _ = write!(out, "<text class=\"label\" x=\"14\" y=\"{mid:.1}\" transform=\"rotate(-90 14 {mid:.1})\" text-anchor=\"middle\">killed</text>");
    // bars: incidents per period
    let max_count = bins.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let bar_h = |n: usize| n as f64 / max_count as f64 * (bars_bottom - bars_top);
    let _ = write!(
        out,
        "<g class=\"bars\" data-period=\"{}\"><line class=\"axis\" x1=\"{left}\" y1=\"{bars_bottom}\" x2=\"{}\" y2=\"{bars_bottom}\"/>",
        period.name(),
        w - right
    );
    for (start, n) in &bins {
        let (xa, xb) = (x(days(*start)), x(days(period.next(*start))));
        let bw = (xb - xa - 1.0).max(1.0);
        if *n > 0 {
            let _ = write!(
                out,
                "<rect class=\"bar\" data-count=\"{n}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{:.1}\"><title>{} of {start}: {n} incident{}</title></rect>",
                xa + 0.5,
                bars_bottom - bar_h(*n),
                bar_h(*n),
                period.name(),
                if *n == 1 { "" } else { "s" }
            );
        }
    }
    let _ = write!(
        out,
        "<text class=\"tick\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{max_count}</text><text class=\"tick\" x=\"{}\" y=\"{bars_bottom:.1}\" text-anchor=\"end\">0</text><text class=\"label\" x=\"14\" y=\"{bars_mid:.1}\" transform=\"rotate(-90 14 {bars_mid:.1})\" text-anchor=\"middle\">per {}</text></g>",
        left - 6.0,
        bars_top + 4.0,
        left - 6.0,
        period.name(),
        bars_mid = (bars_top + bars_bottom) / 2.0
    );
    // date labels: the coarsest step whose labels, at their widths, leave a gap between them
    let px_per_day = (w - left - right) / (t1 - t0);
    let (from, to) = (NaiveDate::from_num_days_from_ce_opt(t0 as i32), NaiveDate::from_num_days_from_ce_opt(t1 as i32));
    if let (Some(from), Some(to)) = (from, to) {
        // (days between labels, their format): days, weeks, months, quarters, years, decades
        let steps: [(u32, i64, &str); 9] = [
            (0, 1, "%-d %b"),
            (0, 7, "%-d %b"),
            (1, 0, "%b %Y"),
            (2, 0, "%b %Y"),
            (3, 0, "%b %Y"),
            (6, 0, "%b %Y"),
            (12, 0, "%Y"),
            (60, 0, "%Y"),
            (120, 0, "%Y"),
        ];
        let chosen = steps
            .iter()
            .find(|(months, days, fmt)| {
                let gap = if *months > 0 { *months as f64 * 30.4 } else { *days as f64 } * px_per_day;
                gap >= text_width(&from.format(fmt).to_string(), 11.0) + 14.0
            })
            .copied()
            .unwrap_or(steps[steps.len() - 1]);
        let (months, step_days, fmt) = chosen;
        let mut d = if months > 0 {
            let m0 = from.year() * 12 + from.month0() as i32;
            let m = m0 + (months as i32 - m0.rem_euclid(months as i32)) % months as i32;
            NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1)
        } else if step_days == 7 {
            Some(Period::Week.next(Period::Week.start(from)))
        } else {
            from.succ_opt()
        };
        let mut last_end = f64::NEG_INFINITY;
        while let Some(day) = d {
            if day > to {
                break;
            }
            let xx = x(days(day));
            let text = day.format(fmt).to_string();
            let half = text_width(&text, 11.0) / 2.0;
            if xx - half > last_end + 6.0 && xx + half <= w {
                let _ = write!(
                    out,
                    "<line class=\"grid\" x1=\"{xx:.1}\" y1=\"{top}\" x2=\"{xx:.1}\" y2=\"{bars_bottom}\"/><text class=\"tick date\" x=\"{xx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{text}</text>",
                    bars_bottom + 16.0
                );
                last_end = xx + half;
            }
            d = if months > 0 {
                day.checked_add_months(chrono::Months::new(months))
            } else {
                Some(day + chrono::Duration::days(step_days))
            };
        }
    }
    let mut sorted = dated;
    sorted.sort_by_key(|d| std::cmp::Reverse(d.2.wounded.map_or(0, |k| k.low)));
    let radius_of = |r: &IncidentRow| (4.0 + (r.wounded.map_or(0, |k| k.low) as f64).sqrt() * 0.7).min(22.0);
    // every dot's box, so that no label covers a dot
    let mut taken: Vec<Rect> = sorted
        .iter()
        .map(|(s, e, r)| {
            let (xm, yy, rad) =
                ((x(days(*s)) + x(days(*e) + 1.0)) / 2.0, y(r.killed.map_or(0, |k| k.low) as f64), radius_of(r));
            Rect { x0: xm - rad, y0: yy - rad, x1: xm + rad, y1: yy + rad }
        })
        .collect();
    for (s, e, r) in &sorted {
        let killed = r.killed.map_or(0, |k| k.low) as f64;
        let (xs, xe) = (x(days(*s)), x(days(*e) + 1.0));
        let yy = y(killed);
        let radius = radius_of(r);
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
    }
    // the deadliest first, each named where its label fits: right of the dot, left, above, below
    let mut by_killed: Vec<&(NaiveDate, NaiveDate, &IncidentRow)> =
        sorted.iter().filter(|d| d.2.killed.is_some_and(|k| k.low > 0)).collect();
    by_killed.sort_by_key(|d| (std::cmp::Reverse(d.2.killed.map_or(0, |k| k.low)), d.2.id.clone()));
    let mut named = 0;
    for (s, e, r) in by_killed {
        if named == 12 {
            break;
        }
        let text =
            format!("{} {}", r.place.as_deref().unwrap_or(""), r.killed.map(|k| k.to_string()).unwrap_or_default());
        let text = text.trim();
        let (xm, yy, rad) =
            ((x(days(*s)) + x(days(*e) + 1.0)) / 2.0, y(r.killed.map_or(0, |k| k.low) as f64), radius_of(r));
        let tw = text_width(text, 12.0);
        // (x of the label's left edge, y of its baseline)
        let candidates = [
            (xm + rad + 4.0, yy + 4.0),
            (xm - rad - 4.0 - tw, yy + 4.0),
            (xm - tw / 2.0, yy - rad - 5.0),
            (xm - tw / 2.0, yy + rad + 14.0),
        ];
        let spot = candidates
            .into_iter()
            .map(|(lx, ly)| Rect { x0: lx, y0: ly - 11.0, x1: lx + tw, y1: ly + 3.0 })
            .find(|b| {
                b.x0 >= left + 2.0
                    && b.x1 <= w - 2.0
                    && b.y0 >= 2.0
                    && b.y1 <= plot_bottom - 2.0
                    && !taken.iter().any(|t| t.overlaps(b))
            });
        if let Some(b) = spot {
            let _ = write!(out, "<text class=\"name\" x=\"{:.1}\" y=\"{:.1}\">{}</text>", b.x0, b.y1 - 3.0, esc(text));
            taken.push(b);
            named += 1;
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::CountRange;

    fn row(id: &str, country: &str, lat: f64, lon: f64, day: &str, killed: u64) -> IncidentRow {
        IncidentRow {
            id: id.into(),
            event_type: "bombing".into(),
            date_start: day.parse().ok(),
            date_end: day.parse().ok(),
            country: Some(country.into()),
            place: Some(format!("Town {id}")),
            killed: Some(CountRange { low: killed, high: Some(killed) }),
            wounded: None,
            lat: Some(lat),
            lon: Some(lon),
            perpetrators: vec![],
            sources: 1,
            independent_sources: 1,
            conflicts: vec![],
            reviewed: false,
            rejected: None,
        }
    }

    #[test]
    fn a_bbox_names_the_view_it_opens_and_nonsense_is_refused() {
        let v = View::from_bbox("40,20,80,40").unwrap();
        assert_eq!(v.bbox(), "40.00,20.00,80.00,40.00");
        assert_eq!(View::from_bbox(&v.bbox()), Some(v));
        for bad in ["", "1,2,3", "80,20,40,40", "0,0,0,0", "nan,1,2,3", "-200,0,10,10", "a,b,c,d"] {
            assert_eq!(View::from_bbox(bad), None, "{bad}");
        }
        let z = v.zoomed(2.0);
        assert!((z.w - v.w / 2.0).abs() < 1e-9 && (z.x + z.w / 2.0 - (v.x + v.w / 2.0)).abs() < 1e-9);
        assert_eq!(View::WORLD.zoomed(0.5), View::WORLD, "no further out than the world");
        assert_eq!(View::WORLD.panned(-0.5, 0.0), View::WORLD, "the world does not pan off itself");
    }

    #[test]
    fn a_country_filter_fits_its_mainland_and_the_incidents() {
        let rows = [row("a", "FR", 48.85, 2.35, "2024-01-01", 1)];
        let v = fitted(&rows, Some("FR"));
        let (west, east) = (v.x * 360.0 / MAP_W - 180.0, (v.x + v.w) * 360.0 / MAP_W - 180.0);
        assert!(west > -20.0 && east < 25.0, "France without French Guiana: {west}..{east}");
        assert!(v.holds(project(48.85, 2.35).0, project(48.85, 2.35).1));
        assert_eq!(fitted(&[], None), View::WORLD);
    }

    #[test]
    fn nearby_incidents_are_one_cluster_at_the_world_view_and_apart_closer_in() {
        let rows = [
            row("paris", "FR", 48.85, 2.35, "2024-01-01", 3),
            row("lille", "FR", 50.63, 3.06, "2024-01-02", 1),
            row("brussels", "BE", 50.85, 4.35, "2024-01-03", 2),
            row("kabul", "AF", 34.53, 69.17, "2024-01-04", 9),
        ];
        let world = clusters(&rows, &View::WORLD, 16.0);
        let sizes: Vec<usize> = world.iter().map(|k| k.members.len()).collect();
        assert_eq!(sizes, [1, 3], "Kabul alone, the three European cities as one mark");
        let europe = closer(&world[1], &View::WORLD);
        assert!(europe.w <= MAP_W / 2.0);
        let near = clusters(&rows, &europe, 16.0 * europe.w / MAP_W);
        assert!(near.len() >= 2, "closer in, the cities come apart: {}", near.len());
        assert!(
            near.iter().all(|k| k.members.iter().all(|r| r.country.as_deref() != Some("AF"))),
            "Kabul is out of view"
        );
        let svg = map(&rows, &View::WORLD, &|k| format!("/map?bbox={}", closer(k, &View::WORLD).bbox()));
        assert!(svg.contains("data-count=\"3\"") && svg.contains("href=\"/map?bbox="), "{svg}");
        assert_eq!(svg.matches("class=\"dot\"").count(), 1);
    }

    #[test]
    fn incidents_are_counted_per_week_with_the_empty_weeks_between() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        // 2024-01-01 is a Monday
        let bins = per_period(&[d("2024-01-03"), d("2024-01-07"), d("2024-01-22")], Period::Week);
        assert_eq!(bins, [(d("2024-01-01"), 2), (d("2024-01-08"), 0), (d("2024-01-15"), 0), (d("2024-01-22"), 1)]);
        let months = per_period(&[d("2023-12-31"), d("2024-02-01")], Period::Month);
        assert_eq!(months, [(d("2023-12-01"), 1), (d("2024-01-01"), 0), (d("2024-02-01"), 1)]);
    }

    /// The boxes of the text elements of `kind` in an SVG, from their x, y and length.
    fn label_boxes(svg: &str, class: &str, size: f64, anchor_middle: bool) -> Vec<Rect> {
        let mut out = Vec::new();
        for part in svg.split(&format!("<text class=\"{class}\"")).skip(1) {
            let attr = |name: &str| -> f64 {
                let i = part.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                part[i..].split('"').next().unwrap().parse().unwrap()
            };
            let text = part.split('>').nth(1).unwrap().split('<').next().unwrap();
            let (x, y, tw) = (attr("x"), attr("y"), text_width(text, size));
            let x0 = if anchor_middle { x - tw / 2.0 } else { x };
            out.push(Rect { x0, y0: y - size, x1: x0 + tw, y1: y });
        }
        out
    }

    #[test]
    fn timeline_labels_never_overlap_and_bars_count_every_incident() {
        // many deadly incidents close together in one week and spread over two years
        let mut rows = Vec::new();
        for i in 0..40u32 {
            let day = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Duration::days((i * 19 % 700) as i64);
            rows.push(row(&format!("r{i}"), "IR", 30.0, 57.0, &day.to_string(), 10 + (i as u64 * 7) % 90));
        }
        for i in 0..10 {
            rows.push(row(&format!("w{i}"), "IR", 30.0, 57.0, "2023-03-01", 50 + i));
        }
        let svg = timeline(&rows);
        let names = label_boxes(&svg, "name", 12.0, false);
        assert!(!names.is_empty());
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                assert!(!a.overlaps(b), "incident labels overlap");
            }
        }
        let dates = label_boxes(&svg, "tick date", 11.0, true);
        assert!(dates.len() >= 3);
        for pair in dates.windows(2) {
            assert!(pair[0].x1 < pair[1].x0, "date labels touch");
        }
        let counted: usize = svg
            .split("class=\"bar\" data-count=\"")
            .skip(1)
            .map(|p| p.split('"').next().unwrap().parse::<usize>().unwrap())
            .sum();
        assert_eq!(counted, rows.len());
        assert!(svg.contains("data-period=\"month\""));
    }
}
