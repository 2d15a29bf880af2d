package store

import (
	"bytes"
	"encoding/hex"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenEvent is a fixed event: same key, fields and clock every run.
func goldenEvent() *Event {
	e := &Event{
		Origin:   OriginOf(testKey(7)),
		Seq:      42,
		HLC:      HLC(uint64(epoch.UnixMilli())<<16 | 3),
		Actor:    "clerk-01",
		Owner:    "38001",
		Audience: canonicalAudience("38001", []string{"380", "38", "38001", "380"}),
		Kind:     "dossier.received",
		Subject:  "dossier/38001-261127-0001",
		Body:     []byte(`{"applicant":"Nguyễn Thị Hồng Nhung"}`),
	}
	sign(e, testKey(7))
	return e
}

func TestEncodingGolden(t *testing.T) {
	e := goldenEvent()
	path := filepath.Join("testdata", "event_v1.golden")
	got := hex.EncodeToString(e.Raw()) + "\n" + e.ID().String() + "\n"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("encoding changed; a changed encoding breaks every signature.\ngot  %s\nwant %s", got, want)
	}
	d, err := DecodeEvent(e.Raw())
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Verify(); err != nil {
		t.Fatal(err)
	}
	if d.ID() != e.ID() || !bytes.Equal(d.Raw(), e.Raw()) || d.Owner != "38001" || strings.Join(d.Audience, ",") != "38,380" {
		t.Fatalf("round trip changed the event: %+v", d)
	}
}

func TestOriginIsThePeerID(t *testing.T) {
	o := OriginOf(testKey(7))
	s := o.String()
	if !strings.HasPrefix(s, "12D3KooW") {
		t.Fatalf("origin %s does not look like an Ed25519 peer ID", s)
	}
	back, err := ParseOrigin(s)
	if err != nil || back != o {
		t.Fatalf("ParseOrigin(%s) = %v, %v", s, back, err)
	}
	if _, err := ParseOrigin("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N"); err == nil {
		t.Fatal("a non-Ed25519 peer ID was accepted")
	}
}

func TestDecodeRefusesNonCanonicalForms(t *testing.T) {
	good := goldenEvent().Raw()
	// Offsets: version 0, origin 1..32, seq 33..40, hlc 41..48, actor length 49.
	tests := []struct {
		name string
		mut  func([]byte) []byte
	}{
		{"empty", func([]byte) []byte { return nil }},
		{"version 2", func(b []byte) []byte { b[0] = 2; return b }},
		{"truncated", func(b []byte) []byte { return b[:len(b)-1] }},
		{"trailing byte", func(b []byte) []byte { return append(b, 0) }},
		{"sequence 0", func(b []byte) []byte { copy(b[33:41], make([]byte, 8)); return b }},
		{"non-minimal length", func(b []byte) []byte {
			// actor length 8 written as 0x88 0x00.
			return append(append(append([]byte{}, b[:49]...), 0x88, 0x00), b[50:]...)
		}},
		{"unsorted audience", func(b []byte) []byte {
			i := bytes.Index(b, []byte("\x02\x0238\x03380"))
			copy(b[i:], []byte("\x02\x03380\x0238"))
			return b
		}},
		{"owner in audience", func(b []byte) []byte {
			i := bytes.Index(b, []byte("\x02\x0238\x03380"))
			return append(append(append([]byte{}, b[:i]...), []byte("\x01\x0538001")...), b[i+7:]...)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.mut(bytes.Clone(good))
			if _, err := DecodeEvent(b); !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid", err)
			}
		})
	}
}

func TestEveryFlippedByteIsDetected(t *testing.T) {
	good := goldenEvent().Raw()
	for i := range good {
		b := bytes.Clone(good)
		b[i] ^= 0x01
		e, err := DecodeEvent(b)
		if err != nil {
			continue
		}
		if err := e.Verify(); !errors.Is(err, ErrBadSignature) {
			t.Fatalf("byte %d flipped: verify = %v, want ErrBadSignature", i, err)
		}
	}
}

func TestBatchRoundTrip(t *testing.T) {
	a, b := goldenEvent(), goldenEvent()
	batch := EncodeBatch([]*Event{a, b})
	got, err := DecodeBatch(batch)
	if err != nil || len(got) != 2 || !bytes.Equal(got[1].Raw(), b.Raw()) {
		t.Fatalf("DecodeBatch: %d events, %v", len(got), err)
	}
	for _, bad := range [][]byte{nil, []byte("HSB2\x00"), append(bytes.Clone(batch), 1), batch[:len(batch)-3]} {
		if _, err := DecodeBatch(bad); err == nil {
			t.Fatalf("bad batch %q accepted", bad)
		}
	}
}

func FuzzDecodeEvent(f *testing.F) {
	f.Add(goldenEvent().Raw())
	f.Add([]byte{1})
	f.Add(bytes.Repeat([]byte{0xff}, 200))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := DecodeEvent(b)
		if err != nil {
			return
		}
		// One encoding per event: what decodes re-encodes to the same bytes.
		again := encodeUnsigned(nil, e)
		again = append(again, e.Sig[:]...)
		if !bytes.Equal(again, b) {
			t.Fatalf("decoded event re-encodes differently:\n in  %x\n out %x", b, again)
		}
		_ = e.Verify()
	})
}

func FuzzDecodeBatch(f *testing.F) {
	f.Add(EncodeBatch([]*Event{goldenEvent()}))
	f.Add(EncodeBatch(nil))
	f.Add([]byte("HSB1\xff\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, b []byte) {
		evs, err := DecodeBatch(b)
		if err != nil {
			return
		}
		if !bytes.Equal(EncodeBatch(evs), b) {
			t.Fatal("decoded batch re-encodes differently")
		}
	})
}
