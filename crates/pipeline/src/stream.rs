//! The streaming run: reading, coding and writing overlap on their own threads.
//!
//! ```text
//! produce (reader thread) --batch--> code (rayon, all cores) --batch--> consume (writer thread)
//!            bounded channel, `depth` batches          bounded channel, `depth` batches
//! ```
//!
//! The reader groups documents into batches of `batch` documents; each batch
//! is coded in parallel and handed to the writer, which stores it (one
//! transaction a batch in `sitrep ingest`). Both channels are bounded, so at
//! most about `2 * depth + 3` batches are in memory whatever the corpus size,
//! and a slow writer holds the reader back instead of letting documents pile
//! up. Batches reach the writer in input order and the documents in a batch
//! keep their order, so the store is the same as a sequential run's.
//!
//! While the workers code one batch, the reader decodes the next and the
//! writer commits the previous one: on two cores, reading and writing no
//! longer leave a core idle as the old read-code-write loop did.

use sitrep_model::Document;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// Sizes of the streaming run.
#[derive(Clone, Copy, Debug)]
pub struct StreamOptions {
    /// Documents per batch (one transaction each when storing).
    pub batch: usize,
    /// Batches waiting in each channel.
    pub depth: usize,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions { batch: 256, depth: 2 }
    }
}

/// Hands documents from the reader to the coding stage. [`Feed::push`]
/// returns `false` once the run is stopping (the writer failed): the reader
/// should stop reading.
pub struct Feed {
    tx: SyncSender<Vec<Document>>,
    pending: Vec<Document>,
    batch: usize,
    open: bool,
}

impl Feed {
    /// Queues one document; a full batch is sent on (waiting while the
    /// channel is full).
    pub fn push(&mut self, doc: Document) -> bool {
        if !self.open {
            return false;
        }
        self.pending.push(doc);
        if self.pending.len() >= self.batch {
            self.send();
        }
        self.open
    }

    /// Whether the run still takes documents.
    pub fn is_open(&self) -> bool {
        self.open
    }

    fn send(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let full = std::mem::replace(&mut self.pending, Vec::with_capacity(self.batch));
        if self.tx.send(full).is_err() {
            self.open = false;
        }
    }
}

/// Runs `produce` on a reader thread, `code` on every document (in parallel,
/// on rayon's current pool, called from this thread) and `consume` on a
/// writer thread with each coded batch, in input order.
///
/// The first error of `consume` stops the run: the reader's [`Feed`] closes,
/// batches in flight are dropped unwritten, and the error is returned after
/// both threads have finished. `produce`'s result is returned with it.
pub fn stream<C, E, P, R>(
    opts: StreamOptions,
    produce: P,
    code: impl Fn(&Document) -> C + Sync,
    consume: impl FnMut(Vec<(Document, C)>) -> Result<(), E> + Send,
) -> (R, Result<(), E>)
where
    C: Send,
    E: Send,
    P: FnOnce(&mut Feed) -> R + Send,
    R: Send,
{
    use rayon::prelude::*;
    let depth = opts.depth.max(1);
    let batch = opts.batch.max(1);
    let (doc_tx, doc_rx) = sync_channel::<Vec<Document>>(depth);
    let (out_tx, out_rx) = sync_channel::<Vec<(Document, C)>>(depth);
    std::thread::scope(|scope| {
        // Named for profilers and debuggers; `scope.spawn` would panic alike if the OS refused a thread.
        let reader = std::thread::Builder::new()
            .name("sitrep-reader".into())
            .spawn_scoped(scope, move || {
                let mut feed = Feed { tx: doc_tx, pending: Vec::with_capacity(batch), batch, open: true };
                let r = produce(&mut feed);
                feed.send();
                r
            })
            .expect("the reader thread starts");
        let writer = std::thread::Builder::new()
            .name("sitrep-writer".into())
            .spawn_scoped(scope, move || write_all(out_rx, consume))
            .expect("the writer thread starts");
        for docs in doc_rx.iter() {
            let coded: Vec<C> = docs.par_iter().map(&code).collect();
            let out: Vec<(Document, C)> = docs.into_iter().zip(coded).collect();
            if out_tx.send(out).is_err() {
                // The writer stopped on an error: dropping the receiver
                // closes the reader's feed at its next send.
                break;
            }
        }
        drop(doc_rx);
        drop(out_tx);
        let written = writer.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        let read = reader.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (read, written)
    })
}

fn write_all<C, E>(
    rx: Receiver<Vec<(Document, C)>>,
    mut consume: impl FnMut(Vec<(Document, C)>) -> Result<(), E>,
) -> Result<(), E> {
    for batch in rx.iter() {
        consume(batch)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(i: usize) -> Document {
        Document {
            id: format!("d{i}"),
            meta: sitrep_model::DocMeta::default(),
            text: format!("text {i}"),
            removed: Vec::new(),
        }
    }

    #[test]
    fn batches_arrive_in_order_and_complete() {
        let mut seen = Vec::new();
        let mut sizes = Vec::new();
        let (read, written) = stream(
            StreamOptions { batch: 7, depth: 1 },
            |feed: &mut Feed| {
                for i in 0..100 {
                    assert!(feed.push(doc(i)));
                }
                100
            },
            |d| d.text.len(),
            |batch: Vec<(Document, usize)>| {
                sizes.push(batch.len());
                for (d, n) in batch {
                    assert_eq!(n, d.text.len());
                    seen.push(d.id);
                }
                Ok::<(), String>(())
            },
        );
        assert_eq!(read, 100);
        assert!(written.is_ok());
        assert_eq!(seen, (0..100).map(|i| format!("d{i}")).collect::<Vec<_>>());
        assert_eq!(sizes.iter().sum::<usize>(), 100);
        assert!(sizes.iter().all(|&s| s <= 7));
    }

    #[test]
    fn a_writer_error_stops_the_reader() {
        let mut written_batches = 0;
        let (pushed, written) = stream(
            StreamOptions { batch: 2, depth: 1 },
            |feed: &mut Feed| {
                let mut n = 0;
                for i in 0..10_000 {
                    if !feed.push(doc(i)) {
                        break;
                    }
                    n += 1;
                }
                n
            },
            |_| (),
            |_batch: Vec<(Document, ())>| {
                written_batches += 1;
                if written_batches == 3 {
                    Err("disk full")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(written, Err("disk full"));
        assert_eq!(written_batches, 3);
        // The reader stopped long before the end: only the batches in flight were read.
        assert!(pushed < 100, "reader kept going: {pushed}");
    }

    #[test]
    fn an_empty_input_writes_nothing() {
        let (_, written) = stream(
            StreamOptions::default(),
            |_feed: &mut Feed| (),
            |_| (),
            |_batch: Vec<(Document, ())>| Err("no batch expected"),
        );
        assert!(written.is_ok());
    }
}
