package store

import (
	"bytes"
	"errors"
	"testing"
)

func TestChunkRoundTrip(t *testing.T) {
	seqs := []uint64{3, 4, 9, 1 << 40}
	raws := [][]byte{[]byte("three"), {}, []byte("nine"), bytes.Repeat([]byte{1}, 300)}
	c, err := decodeChunk(encodeChunk(seqs, raws), 1<<40)
	if err != nil {
		t.Fatal(err)
	}
	if c.first() != 3 || c.last() != 1<<40 {
		t.Fatalf("span %d–%d", c.first(), c.last())
	}
	for i, s := range seqs {
		if b, ok := c.event(s); !ok || !bytes.Equal(b, raws[i]) {
			t.Errorf("event %d: %q, %v", s, b, ok)
		}
	}
	for _, missing := range []uint64{0, 2, 5, 10, 1<<40 + 1} {
		if _, ok := c.event(missing); ok {
			t.Errorf("event %d found", missing)
		}
	}
	// A gap filled in the middle keeps the order.
	v := c.withEvent(5, []byte("five"))
	c2, err := decodeChunk(v, 1<<40)
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := c2.event(5); !ok || string(b) != "five" || len(c2.seqs) != 5 || c2.seqs[2] != 5 {
		t.Fatalf("after filling 5: %v, %q", c2.seqs, b)
	}
}

func TestChunkRefusesMalformed(t *testing.T) {
	good := encodeChunk([]uint64{1, 2}, [][]byte{[]byte("a"), []byte("b")})
	tests := []struct {
		name string
		b    []byte
		last uint64
	}{
		{"empty", nil, 2},
		{"unknown version", append([]byte{9}, good[1:]...), 2},
		{"no events", []byte{chunkVersion, 0}, 0},
		{"under another key", good, 3},
		{"truncated", good[:len(good)-1], 2},
		{"trailing bytes", append(bytes.Clone(good), 0), 2},
		{"repeated sequence", encodeChunk([]uint64{1, 1}, [][]byte{[]byte("a"), []byte("b")}), 1},
		{"sequence zero", encodeChunk([]uint64{0}, [][]byte{[]byte("a")}), 0},
		{"length beyond the value", []byte{chunkVersion, 1, 1, 0x80, 0x80, 0x04}, 1},
	}
	for _, tc := range tests {
		if _, err := decodeChunk(tc.b, tc.last); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", tc.name, err)
		}
	}
}

func TestChunkRunsClose(t *testing.T) {
	var evs []*Event
	for i := range 600 {
		evs = append(evs, &Event{Seq: uint64(i + 1), raw: make([]byte, 100)})
	}
	evs = append(evs, &Event{Seq: 601, raw: make([]byte, 40<<10)}, &Event{Seq: 602, raw: make([]byte, 10)})
	runs := chunkRuns(evs)
	n := 0
	for i, r := range runs {
		size := 0
		for _, e := range r {
			size += len(e.raw)
		}
		if len(r) > chunkEvents || size > chunkBytes && len(r) > 1 {
			t.Errorf("run %d: %d events, %d bytes", i, len(r), size)
		}
		n += len(r)
	}
	if n != len(evs) {
		t.Fatalf("%d events in the runs, want %d", n, len(evs))
	}
}

func FuzzDecodeChunk(f *testing.F) {
	f.Add(encodeChunk([]uint64{1, 2, 7}, [][]byte{[]byte("a"), []byte("bc"), nil}), uint64(7))
	f.Add([]byte{chunkVersion, 1, 1, 0}, uint64(1))
	f.Fuzz(func(t *testing.T, b []byte, last uint64) {
		c, err := decodeChunk(b, last)
		if err != nil {
			return
		}
		raws := make([][]byte, len(c.seqs))
		for i := range c.seqs {
			_, raws[i] = c.eventAt(i)
		}
		if again := encodeChunk(c.seqs, raws); !bytes.Equal(again, b) {
			t.Fatalf("decoded chunk encodes to %x, was %x", again, b)
		}
	})
}
