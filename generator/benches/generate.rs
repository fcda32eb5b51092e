//! Benchmark of the whole pipeline (parse, lower, emit, print) on the repository's spec.
//!
//! Method: one warm-up run, then `ITERATIONS` timed runs of `generate_from_str` on the spec text
//! already in memory (so disk speed is not measured); reports the median and the fastest run. A
//! counting global allocator records the peak of live heap bytes during one run, and the total
//! allocated. The same for a synthetic spec of 3000 schemas (cycles of ten references, an enum
//! each), to show how the pipeline scales. Run with `cargo bench -p stripe-codegen`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use stripe_codegen::{generate_from_str, Config};

/// The system allocator, counting live and total bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwards the caller's contract to the system allocator unchanged.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
            TOTAL.fetch_add(layout.size(), Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/identity_verification_session.yaml"
    );
    let text = std::fs::read_to_string(path).expect("the spec is readable");
    measure("spec/identity_verification_session.yaml", &text, 30);
    measure("synthetic: 3000 schemas", &synthetic(3000), 5);
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

fn measure(label: &str, text: &str, iterations: usize) {
    let config = Config::new("bench.yaml", "bench.yaml");
    let output = generate_from_str(text, &config).expect("the spec generates");
    let out_bytes: usize = output.files.values().map(String::len).sum();
    drop(output);

    let before_live = LIVE.load(Ordering::Relaxed);
    PEAK.store(before_live, Ordering::Relaxed);
    let before_total = TOTAL.load(Ordering::Relaxed);
    drop(generate_from_str(text, &config));
    let peak = PEAK.load(Ordering::Relaxed) - before_live;
    let total = TOTAL.load(Ordering::Relaxed) - before_total;

    let mut times: Vec<Duration> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            let output = generate_from_str(text, &config);
            let elapsed = start.elapsed();
            drop(output);
            elapsed
        })
        .collect();
    times.sort();
    println!("{label}: {} bytes in, {out_bytes} bytes of Rust out", text.len());
    println!(
        "  generate: median {:?}, fastest {:?} over {iterations} runs",
        times[iterations / 2],
        times[0]
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
