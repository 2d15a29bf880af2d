package store

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// The event log keeps an origin's events in chunks: one Badger entry holds a
// run of them in sequence order, under the key of the run's last sequence.
// Badger's cost is per entry (each is encrypted on its own in the
// write-ahead log, inserted in a skiplist, indexed in a table), and a synced
// batch brings hundreds of one origin's events at once: one entry per
// several events made receiving ~a third cheaper.
//
// The chunks of an origin never overlap: a chunk's first sequence is above
// the last sequence of the chunk before it. So the chunk that holds a
// sequence, if any, is the first chunk whose key is at or above it. Events
// received above everything stored (the usual case) make new chunks; an
// event filling a gap below (one a peer could not show earlier) goes into
// the chunk whose span it falls in, or becomes a chunk of its own between
// two.
//
// A chunk's value:
//
//	version   byte       (chunkVersion)
//	count     uvarint    (1 … maxChunkEvents)
//	count × { uvarint sequence step (> 0; the first: the sequence itself) ‖ uvarint length (≤ MaxEventLen) }
//	the events' canonical bytes, one after the other
const (
	chunkVersion = 1
	// A new chunk closes at chunkEvents events or chunkBytes bytes: it
	// fits one of Badger's 4 KB table blocks, which a lookup decrypts
	// whole. Larger chunks made fewer entries still, but a table being
	// built grows a block to fit each one, which doubled its memory.
	chunkEvents = 64
	chunkBytes  = 3 << 10
	// maxChunkEvents bounds a decoded chunk; gap fills may grow a chunk
	// past chunkEvents.
	maxChunkEvents = 1 << 16
)

// chunk is a decoded run of one origin's events.
type chunk struct {
	seqs []uint64
	// raw holds the events' bytes; event i is raw[ends[i-1]:ends[i]].
	raw  []byte
	ends []int
}

func (c *chunk) first() uint64 { return c.seqs[0] }
func (c *chunk) last() uint64  { return c.seqs[len(c.seqs)-1] }

// event returns the bytes of the event at seq, or false.
func (c *chunk) event(seq uint64) ([]byte, bool) {
	i, ok := slices.BinarySearch(c.seqs, seq)
	if !ok {
		return nil, false
	}
	start := 0
	if i > 0 {
		start = c.ends[i-1]
	}
	return c.raw[start:c.ends[i]], true
}

// eventAt returns the sequence and bytes of the i-th event.
func (c *chunk) eventAt(i int) (uint64, []byte) {
	start := 0
	if i > 0 {
		start = c.ends[i-1]
	}
	return c.seqs[i], c.raw[start:c.ends[i]]
}

// encodeChunk encodes events of one origin, in increasing sequence order.
func encodeChunk(seqs []uint64, raws [][]byte) []byte {
	size := 1 + binary.MaxVarintLen64 + len(seqs)*2*binary.MaxVarintLen64
	for _, r := range raws {
		size += len(r)
	}
	b := make([]byte, 0, size)
	b = append(b, chunkVersion)
	b = binary.AppendUvarint(b, uint64(len(seqs)))
	prev := uint64(0)
	for i, s := range seqs {
		b = binary.AppendUvarint(b, s-prev)
		b = binary.AppendUvarint(b, uint64(len(raws[i])))
		prev = s
	}
	for _, r := range raws {
		b = append(b, r...)
	}
	return b
}

// decodeChunk decodes a chunk stored under the key of sequence last. The
// chunk keeps b: callers that hold it past a Badger callback pass a copy.
func decodeChunk(b []byte, last uint64) (*chunk, error) {
	d := &decoder{b: b}
	if v := d.byte(); d.err == nil && v != chunkVersion {
		return nil, fmt.Errorf("%w: chunk version %d", ErrInvalid, v)
	}
	n := int(d.uvarint("chunk count", maxChunkEvents))
	if d.err == nil && n == 0 {
		d.fail("empty chunk")
	}
	if d.err != nil {
		return nil, d.err
	}
	c := &chunk{seqs: make([]uint64, n), ends: make([]int, n)}
	seq, end := uint64(0), 0
	for i := range n {
		// Sequences start at 1 and increase.
		step := d.uvarint("sequence step", 1<<63)
		if d.err == nil && (step == 0 || seq+step < seq) {
			d.fail("sequences out of order")
		}
		seq += step
		end += int(d.uvarint("event length", MaxEventLen))
		if d.err != nil {
			return nil, d.err
		}
		c.seqs[i], c.ends[i] = seq, end
	}
	c.raw = d.fixed(end)
	if d.err == nil && d.off != len(b) {
		d.fail("%d bytes after the events", len(b)-d.off)
	}
	if d.err == nil && c.last() != last {
		d.fail("last sequence %d under the key of %d", c.last(), last)
	}
	if d.err != nil {
		return nil, d.err
	}
	return c, nil
}

// chunkFull reports whether a chunk of n events and size bytes closes
// before an event of next bytes: at chunkEvents events or chunkBytes bytes,
// though a chunk always takes one event.
func chunkFull(n, size, next int) bool {
	return n >= chunkEvents || n > 0 && size+next > chunkBytes
}

// chunkRuns groups events of one origin, in increasing sequence order, into
// the chunks to write.
func chunkRuns(evs []*Event) [][]*Event {
	var runs [][]*Event
	start, size := 0, 0
	for i, e := range evs {
		if chunkFull(i-start, size, len(e.raw)) {
			runs = append(runs, evs[start:i])
			start, size = i, 0
		}
		size += len(e.raw)
	}
	if start < len(evs) {
		runs = append(runs, evs[start:])
	}
	return runs
}

// withEvent returns the chunk's events with one more inserted in sequence
// order, encoded.
func (c *chunk) withEvent(seq uint64, raw []byte) []byte {
	i, _ := slices.BinarySearch(c.seqs, seq)
	seqs := slices.Insert(slices.Clone(c.seqs), i, seq)
	raws := make([][]byte, 0, len(seqs))
	for j := range c.seqs {
		_, r := c.eventAt(j)
		raws = append(raws, r)
	}
	raws = slices.Insert(raws, i, raw)
	return encodeChunk(seqs, raws)
}
