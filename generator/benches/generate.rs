//! Benchmark of the whole pipeline (parse, lower, build items, print) against the bare
//! parse floor of the same input, measured side by side in one run.
//!
//! Method: for each input, one warm-up run, then timed runs, alternating, of (a) the floor:
//! `serde_yaml` text to `openapiv3::OpenAPI`, nothing else, and (b) `generate_from_str` on the same
//! text, already in memory (disk speed is not measured). Medians of wall time are reported, with
//! their ratio, the pipeline's CPU time over all its threads (it renders on every core), and where
//! that time goes by stage. A counting global allocator records the peak of live heap bytes
//! during one untimed run and the total allocated; it counts only during that run, because three
//! shared counters updated on every allocation from every rendering thread slow the timed runs
//! (the counters' cache line moves between cores) by more than the pipeline's own allocator costs. Inputs: the repository's spec; a synthetic spec of 3000
//! schemas (cycles of ten references, an enum each); and, when `../shared/upstream` is there (or
//! `$STRIPE_FULL_SPEC` names the file), every resource of Stripe's full 2023-08-16 API trimmed
//! out and generated, all 110 one after the other. Run with `cargo bench -p stripe-codegen`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use stripe_codegen::{
    generate_timed, resources_with_operations, trim_value, Config, StageTimes, TrimOptions,
};

/// The system allocator, counting live and total bytes while [`COUNTING`] is on.
struct Counting;

/// Whether allocations are being counted: on only during the untimed heap run.
static COUNTING: AtomicBool = AtomicBool::new(false);
/// Live bytes counted so far: signed, since memory allocated before counting began can be freed
/// during it and take the count below where it started.
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwards the caller's contract to the system allocator unchanged.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() && COUNTING.load(Ordering::Relaxed) {
            let size = layout.size() as isize;
            let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
            PEAK.fetch_max(live, Ordering::Relaxed);
            TOTAL.fetch_add(layout.size(), Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) };
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let spec = std::fs::read_to_string(root.join("spec/identity_verification_session.yaml"))
        .expect("the spec is readable");
    measure("spec/identity_verification_session.yaml", &[spec], 30, false);
    measure("synthetic: 3000 schemas", &[synthetic(3000)], 5, false);
    let full = std::env::var_os("STRIPE_FULL_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/upstream/stripe-2023-08-16/spec3.yaml"));
    match std::fs::read_to_string(&full) {
        Ok(text) => measure(
            "Stripe's full 2023-08-16 API, 110 resources",
            &trim_all(&text),
            3,
            true,
        ),
        Err(_) => println!("(skipped the full-API input: {} is not there)", full.display()),
    }
}

/// `count` schemas in cycles of ten, each with a reference and an enum.
fn synthetic(count: usize) -> String {
    let mut text =
        String::from("openapi: 3.0.0\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n");
    for i in 0..count {
        let next = i - i % 10 + (i + 1) % 10;
        text.push_str(&format!(
            "    s{i}: {{type: object, description: S{i}., properties: {{next: {{$ref: '#/components/schemas/s{next}'}}, v: {{type: string, enum: [a{i}, b]}}}}}}\n"
        ));
    }
    text
}

/// Every resource of a full spec with operations, trimmed out as its own spec (not timed).
fn trim_all(text: &str) -> Vec<String> {
    let document: serde_yaml::Value = serde_yaml::from_str(text).expect("the full spec is YAML");
    resources_with_operations(&document)
        .keys()
        .map(|resource| {
            let options = TrimOptions {
                resource: Some(resource.clone()),
                ..TrimOptions::default()
            };
            let trimmed = trim_value(&document, &options).expect("trims");
            serde_yaml::to_string(&trimmed).expect("prints")
        })
        .collect()
}

/// The floor: only `serde_yaml` into `openapiv3` types.
fn parse_floor(texts: &[String]) {
    for text in texts {
        let spec: openapiv3::OpenAPI = serde_yaml::from_str(text).expect("parses");
        drop(spec);
    }
}

fn pipeline(texts: &[String], lenient: bool, times: &mut StageTimes) -> usize {
    let mut config = Config::new("bench.yaml", "bench.yaml");
    config.lenient = lenient;
    texts
        .iter()
        .map(|text| {
            let output = generate_timed(text, &config, times).expect("the spec generates");
            output.files.values().map(String::len).sum::<usize>()
        })
        .sum()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// CPU time of the whole process so far (every thread), from `/proc/self/stat` (user + system
/// clock ticks, 100 per second on Linux); zero where that file does not exist.
fn process_cpu_time() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after_name
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|field| field.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

fn measure(label: &str, texts: &[String], iterations: usize, lenient: bool) {
    let in_bytes: usize = texts.iter().map(String::len).sum();
    let out_bytes = pipeline(texts, lenient, &mut StageTimes::default());
    parse_floor(texts);

    let before_live = LIVE.load(Ordering::Relaxed);
    PEAK.store(before_live, Ordering::Relaxed);
    let before_total = TOTAL.load(Ordering::Relaxed);
    COUNTING.store(true, Ordering::SeqCst);
    pipeline(texts, lenient, &mut StageTimes::default());
    COUNTING.store(false, Ordering::SeqCst);
    let peak = (PEAK.load(Ordering::Relaxed) - before_live).max(0) as usize;
    let total = TOTAL.load(Ordering::Relaxed) - before_total;

    // Floor and pipeline runs alternate, so a slow spell of the machine (other work on a shared
    // host) lands on both sides of the ratio rather than on one.
    let mut stages = StageTimes::default();
    let mut floor_runs = Vec::with_capacity(iterations);
    let mut pipeline_runs = Vec::with_capacity(iterations);
    let mut pipeline_cpu = Duration::ZERO;
    for _ in 0..iterations {
        let start = Instant::now();
        parse_floor(texts);
        floor_runs.push(start.elapsed());
        let (start, cpu_start) = (Instant::now(), process_cpu_time());
        pipeline(texts, lenient, &mut stages);
        pipeline_runs.push(start.elapsed());
        pipeline_cpu += process_cpu_time().saturating_sub(cpu_start);
    }
    let (floor, whole) = (median(floor_runs), median(pipeline_runs));
    let per_run = |d: Duration| d / iterations as u32;
    println!("{label}: {in_bytes} bytes in, {out_bytes} bytes of Rust out");
    println!(
        "  pipeline {whole:?} vs parse floor {floor:?}: {:.2}x the floor (medians of {iterations})",
        whole.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "  pipeline CPU time per run, all threads: {:?} ({:.2}x its median wall time)",
        per_run(pipeline_cpu),
        per_run(pipeline_cpu).as_secs_f64() / whole.as_secs_f64()
    );
    println!(
        "  stages per run (summed over threads): parse {:?}, lower {:?}, build items {:?}, print {:?}",
        per_run(stages.parse),
        per_run(stages.lower),
        per_run(stages.build),
        per_run(stages.print)
    );
    println!(
        "  heap: peak {:.1} MiB live, {:.1} MiB allocated in total per run",
        mib(peak),
        mib(total)
    );
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
