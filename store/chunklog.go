package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// logReader finds events in the chunked log (chunk.go) through one
// transaction, keeping an iterator per origin and the last chunk read: the
// events of a subject mostly lie in the same few chunks. Read it through a
// read-only transaction: iterators on an update transaction copy its pending
// writes each time they are made.
type logReader struct {
	txn  *badger.Txn
	its  map[Origin]*badger.Iterator
	last struct {
		o Origin
		c *chunk
	}
}

func newLogReader(txn *badger.Txn) *logReader {
	return &logReader{txn: txn}
}

// Close releases the iterators.
func (r *logReader) Close() {
	for _, it := range r.its {
		it.Close()
	}
	r.its = nil
}

// chunkOf returns the chunk whose span holds seq, or nil.
func (r *logReader) chunkOf(o Origin, seq uint64) (*chunk, error) {
	if c := r.last.c; c != nil && r.last.o == o && c.first() <= seq && seq <= c.last() {
		return c, nil
	}
	c, err := r.chunkFrom(o, seq)
	if err != nil || c == nil || c.first() > seq {
		return nil, err
	}
	return c, nil
}

// chunkFrom returns the first chunk of o whose last sequence is at or above
// seq, or nil.
func (r *logReader) chunkFrom(o Origin, seq uint64) (*chunk, error) {
	it := r.iterator(o)
	it.Seek(chunkKey(o, seq))
	return r.current(o, it)
}

// iterator returns the reader's iterator over o's chunks.
func (r *logReader) iterator(o Origin) *badger.Iterator {
	it := r.its[o]
	if it == nil {
		if r.its == nil {
			r.its = map[Origin]*badger.Iterator{}
		}
		it = r.txn.NewIterator(badger.IteratorOptions{Prefix: chunkOriginPrefix(o)})
		r.its[o] = it
	}
	return it
}

// current decodes the chunk the iterator is at, or returns nil past the end.
func (r *logReader) current(o Origin, it *badger.Iterator) (*chunk, error) {
	if !it.Valid() {
		return nil, nil
	}
	item := it.Item()
	last := binary.BigEndian.Uint64(item.Key()[1+OriginLen:])
	v, err := item.ValueCopy(nil)
	if err != nil {
		return nil, err
	}
	c, err := decodeChunk(v, last)
	if err != nil {
		return nil, fmt.Errorf("%w: chunk %s ≤%d: %v", ErrTampered, o, last, err)
	}
	r.last.o, r.last.c = o, c
	return c, nil
}

// raw returns the stored bytes of the event at (o, seq), or false. The
// bytes belong to a chunk the reader may keep: callers copy what they keep.
func (r *logReader) raw(o Origin, seq uint64) ([]byte, bool, error) {
	c, err := r.chunkOf(o, seq)
	if err != nil || c == nil {
		return nil, false, err
	}
	b, ok := c.event(seq)
	return b, ok, nil
}

// event reads and decodes the event at (o, seq); with verify its signature
// is checked.
func (r *logReader) event(o Origin, seq uint64, verify bool) (*Event, error) {
	b, ok, err := r.raw(o, seq)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("event %s seq %d: %w", o, seq, ErrNotFound)
	}
	// The chunk is a copy no one writes to: the event keeps its bytes.
	e, err := DecodeEventOwned(b[:len(b):len(b)])
	if err == nil && (e.Origin != o || e.Seq != seq) {
		err = errors.New("key and event disagree")
	}
	if err == nil && verify {
		err = e.Verify()
	}
	if err != nil {
		return nil, fmt.Errorf("%w: event %s seq %d: %v", ErrTampered, o, seq, err)
	}
	return e, nil
}

// after calls fn with each event of o above seq, in sequence order, until
// fn returns false.
func (r *logReader) after(o Origin, seq uint64, fn func(seq uint64, raw []byte) bool) error {
	it := r.iterator(o)
	for it.Seek(chunkKey(o, seq+1)); it.Valid(); it.Next() {
		c, err := r.current(o, it)
		if err != nil {
			return err
		}
		for i := range c.seqs {
			s, b := c.eventAt(i)
			if s <= seq {
				continue
			}
			if !fn(s, b) {
				return nil
			}
		}
	}
	return nil
}

// writeChunks adds events of one origin, in increasing sequence order and
// none of them stored yet, to the log in txn. top is the highest sequence
// stored before; snap reads the committed log. Events above top make new
// chunks. An event at or below top fills a gap: it goes into the chunk
// whose span holds it (rewritten; changed keeps the versions this
// transaction wrote), or becomes a chunk of its own.
func writeChunks(txn *badger.Txn, snap *logReader, changed map[string]*chunk, o Origin, top uint64, evs []*Event) error {
	i := 0
	for ; i < len(evs) && evs[i].Seq <= top; i++ {
		if err := fillGap(txn, snap, changed, o, evs[i]); err != nil {
			return err
		}
	}
	for _, run := range chunkRuns(evs[i:]) {
		seqs := make([]uint64, len(run))
		raws := make([][]byte, len(run))
		for j, e := range run {
			seqs[j], raws[j] = e.Seq, e.raw
		}
		if err := txn.Set(chunkKey(o, seqs[len(seqs)-1]), encodeChunk(seqs, raws)); err != nil {
			return err
		}
	}
	return nil
}

// fillGap writes an event below the origin's highest stored sequence.
func fillGap(txn *badger.Txn, snap *logReader, changed map[string]*chunk, o Origin, e *Event) error {
	key, c := coveringChanged(changed, o, e.Seq)
	if c == nil {
		sc, err := snap.chunkFrom(o, e.Seq)
		if err != nil {
			return err
		}
		if sc != nil {
			key = chunkKey(o, sc.last())
			if _, split := changed[string(key)]; !split && sc.first() <= e.Seq {
				c = sc
			}
		}
	}
	if c == nil {
		// Between two chunks (or after the last one, when top came
		// from this batch, or in a gap this transaction left between
		// the pieces of a chunk it split): a chunk of its own.
		return txn.Set(chunkKey(o, e.Seq), encodeChunk([]uint64{e.Seq}, [][]byte{e.raw}))
	}
	v := c.withEvent(e.Seq, e.raw)
	if len(v) <= maxFilledChunk {
		nc, err := decodeChunk(v, c.last())
		if err != nil {
			return err
		}
		changed[string(key)] = nc
		return txn.Set(key, v)
	}
	// Gap fills have grown the chunk past what one value may hold (an
	// in-memory store refuses values above its value threshold, and a
	// large chunk costs a large block): it becomes chunks of the usual
	// size, the last keeping its key, none overlapping another.
	nc, err := decodeChunk(v, c.last())
	if err != nil {
		return err
	}
	start, size := 0, 0
	for i := 0; i <= len(nc.seqs); i++ {
		if i < len(nc.seqs) {
			_, raw := nc.eventAt(i)
			if !chunkFull(i-start, size, len(raw)) {
				size += len(raw)
				continue
			}
		}
		seqs := nc.seqs[start:i]
		raws := make([][]byte, 0, len(seqs))
		for j := start; j < i; j++ {
			_, raw := nc.eventAt(j)
			raws = append(raws, raw)
		}
		last := seqs[len(seqs)-1]
		b := encodeChunk(seqs, raws)
		piece, err := decodeChunk(b, last)
		if err != nil {
			return err
		}
		k := chunkKey(o, last)
		changed[string(k)] = piece
		if err := txn.Set(k, b); err != nil {
			return err
		}
		if i < len(nc.seqs) {
			_, raw := nc.eventAt(i)
			start, size = i, len(raw)
		}
	}
	return nil
}

// maxFilledChunk bounds a chunk grown by gap fills before it is split:
// well under the 64 KB above which Badger moves a value out of its tables.
const maxFilledChunk = 16 << 10

// coveringChanged returns the chunk this transaction wrote whose span
// holds seq, with its key, or nil.
func coveringChanged(changed map[string]*chunk, o Origin, seq uint64) ([]byte, *chunk) {
	prefix := string(chunkOriginPrefix(o))
	for k, c := range changed {
		if strings.HasPrefix(k, prefix) && c.first() <= seq && seq <= c.last() {
			return []byte(k), c
		}
	}
	return nil, nil
}
