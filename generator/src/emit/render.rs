//! Renders the files' items on every core. Building the items' `syn` trees and printing them
//! with `prettyplease` is most of a run, and every item is independent of the others, so the
//! items are cut into chunks that threads take in turn. Syntax trees cannot cross threads
//! (`proc-macro2`'s spans make them `!Send`), so each thread builds and prints its own chunk to
//! text; the texts are joined in item order. The bytes are the same for any number of threads.
//! Measured against one thread (`tools/bench/machinery.sh`): 16% of the wall time of generating
//! Stripe's whole API, nothing measurable on one resource.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{item, print, Source};
use crate::ir::Ir;
use crate::timing::StageTimes;

/// Items per chunk: enough that a chunk costs far more than handing it to a thread, few enough
/// that the last chunks of a run spread over every core.
const CHUNK_ITEMS: usize = 8;

/// Threads are not worth more than this: past it, joining and allocator contention eat the gain.
const MAX_WORKERS: usize = 8;

/// The stack of each thread started to help: building and printing recurse once per level of a
/// type (`Vec<Vec<…>>`), and the deepest nesting the YAML parser accepts needs a few MiB (the
/// 2 MiB default of a new thread is not enough). The same as a main thread's usual 8 MiB.
const HELPER_STACK: usize = 8 * 1024 * 1024;

/// How many threads to render with on this machine.
pub(crate) fn workers() -> usize {
    std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_WORKERS)
}

/// A run of consecutive items of one file.
struct Chunk<'s, 'ir> {
    file: usize,
    sources: &'s [Source<'ir>],
}

/// A chunk's text and the time its stages took.
type Rendered = (String, StageTimes);

/// Renders every file of `files` (each its items in order) with up to `workers` threads; returns
/// each file's body in the same order. Stage times are added up over threads, so they can sum to
/// more than the wall time.
pub(crate) fn render_all(
    files: &[Vec<Source<'_>>],
    ir: &Ir,
    workers: usize,
    times: &mut StageTimes,
) -> Vec<String> {
    render_in_chunks(files, ir, workers, CHUNK_ITEMS, times)
}

/// [`render_all`] with chunks of `chunk_items` items.
fn render_in_chunks(
    files: &[Vec<Source<'_>>],
    ir: &Ir,
    workers: usize,
    chunk_items: usize,
    times: &mut StageTimes,
) -> Vec<String> {
    let chunks: Vec<Chunk<'_, '_>> = files
        .iter()
        .enumerate()
        .flat_map(|(file, sources)| {
            sources
                .chunks(chunk_items)
                .map(move |sources| Chunk { file, sources })
        })
        .collect();
    let render = |chunk: &Chunk<'_, '_>| -> Rendered {
        let mut chunk_times = StageTimes::default();
        let started = std::time::Instant::now();
        let items = chunk
            .sources
            .iter()
            .flat_map(|source| item(*source, ir))
            .collect();
        chunk_times.build += started.elapsed();
        let text = print::print_part(items, &mut chunk_times);
        (text, chunk_times)
    };
    let rendered = in_threads(&chunks, workers, &render);

    let mut bodies = vec![String::new(); files.len()];
    for (chunk, (text, chunk_times)) in chunks.iter().zip(rendered) {
        add_times(times, &chunk_times);
        bodies[chunk.file].push_str(&text);
    }
    bodies
}

/// Runs `render` on every chunk with up to `workers` threads, the calling one included, each
/// taking the next chunk in turn; results come back in chunk order. With one worker, or when the
/// system will not start another thread, the calling thread renders everything, as a
/// single-threaded generator would. A panic in a thread is carried to the caller unchanged.
fn in_threads<'s, 'ir, F>(chunks: &[Chunk<'s, 'ir>], workers: usize, render: &F) -> Vec<Rendered>
where
    F: Fn(&Chunk<'s, 'ir>) -> Rendered + Sync,
{
    let next = AtomicUsize::new(0);
    let work = || {
        let mut mine = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(chunk) = chunks.get(index) else { break };
            mine.push((index, render(chunk)));
        }
        mine
    };
    let mut done: Vec<(usize, Rendered)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers.min(chunks.len()))
            .filter_map(|_| {
                let helper = std::thread::Builder::new().stack_size(HELPER_STACK);
                helper.spawn_scoped(scope, work).ok()
            })
            .collect();
        let mut done = work();
        for helper in helpers {
            done.extend(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        done
    });
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, rendered)| rendered).collect()
}

fn add_times(total: &mut StageTimes, part: &StageTimes) {
    total.build += part.build;
    total.print += part.print;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Joined chunks print the same bytes as the whole file printed at once, and the thread count
    /// changes nothing: the repository's spec, which has every kind of item.
    #[test]
    fn chunked_and_threaded_output_is_the_file_printed_whole() {
        let text = include_str!("../../../spec/identity_verification_session.yaml");
        let config = crate::config::Config::new("spec.yaml", "spec.yaml");
        let (ir, _) = crate::pipeline::lower_text(text, &config, &mut StageTimes::default()).expect("lowers");
        let files = [
            super::super::sources(&ir, crate::ir::OutputFile::Types),
            super::super::sources(&ir, crate::ir::OutputFile::Requests),
        ];
        let whole: Vec<String> = files
            .iter()
            .map(|sources| {
                let items = sources.iter().flat_map(|source| item(*source, &ir)).collect();
                print::print_part(items, &mut StageTimes::default())
            })
            .collect();
        for chunk_items in [1, 7, CHUNK_ITEMS] {
            for workers in [1, 2, 3, 8] {
                let bodies = render_in_chunks(&files, &ir, workers, chunk_items, &mut StageTimes::default());
                assert_eq!(bodies, whole, "{workers} workers, chunks of {chunk_items}");
            }
        }
    }
}
