//! What the evaluation examples share: the one-to-one matching of predictions to gold items,
//! the product's reader, and the relevance model's data (`relevance.rs`).

#[allow(dead_code)]
pub mod relevance;

/// A one-to-one assignment of rows to columns maximising the summed weight (Hungarian method
/// with potentials, on a square matrix padded with zeros). Returns (row, column) pairs of
/// positive weight.
#[allow(dead_code)]
pub fn assign(weights: &[Vec<f64>]) -> Vec<(usize, usize)> {
    let rows = weights.len();
    let cols = weights.first().map_or(0, |r| r.len());
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    let n = rows.max(cols);
    let max = weights.iter().flatten().cloned().fold(0.0, f64::max);
    // cost of putting row i in column j, 1-based, padding costs `max` (weight 0)
    let cost = |i: usize, j: usize| {
        if i <= rows && j <= cols {
            max - weights[i - 1][j - 1]
        } else {
            max
        }
    };
    let inf = f64::INFINITY;
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; n + 1]);
    let mut owner = vec![0usize; n + 1]; // owner[j]: the row in column j
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        owner[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = owner[j0];
            let (mut delta, mut j1) = (inf, 0);
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0, j) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[owner[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if owner[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            owner[j0] = owner[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n)
        .filter(|&j| owner[j] >= 1 && owner[j] <= rows && j <= cols && weights[owner[j] - 1][j - 1] > 0.0)
        .map(|j| (owner[j] - 1, j - 1))
        .collect()
}

/// Reads `bytes` as `annalist ingest` reads a file named `name` (the name's extension picks the
/// reader: `x.txt`, `x.jsonl`, `x.xml`) and cleans each document as it does: the front door of
/// every evaluation. Each record gives its article, or the reason it gave none (ingest's skip
/// or clean's error), with the record's origin.
#[allow(dead_code)]
pub fn read_as_ingest(name: &str, bytes: Vec<u8>) -> Vec<Result<annalist_model::Article, String>> {
    let options = annalist_ingest::IngestOptions::BUILT_IN;
    annalist_ingest::read_reader(name, Box::new(std::io::Cursor::new(bytes)), &options)
        .map(|read| match read {
            Ok(doc) => annalist_clean::clean(&doc).map_err(|e| format!("{}: {e}", doc.origin)),
            Err(skip) => Err(skip.to_string()),
        })
        .collect()
}

/// Words of a text: whitespace-separated tokens holding a letter or digit.
#[allow(dead_code)]
pub fn words(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}
