package store

import (
	"bytes"
	"maps"
	"slices"
)

// Vector is a version vector: per origin, the highest sequence up to which
// a store holds every event of that origin it may see. The zero value is a
// usable, empty vector.
type Vector map[Origin]uint64

// Get returns the sequence for an origin, 0 when absent.
func (v Vector) Get(o Origin) uint64 { return v[o] }

// Clone returns a copy.
func (v Vector) Clone() Vector { return maps.Clone(v) }

// Origins returns the origins in byte order, for deterministic iteration.
func (v Vector) Origins() []Origin {
	out := slices.Collect(maps.Keys(v))
	slices.SortFunc(out, func(a, b Origin) int { return bytes.Compare(a[:], b[:]) })
	return out
}

// Equal reports whether two vectors hold the same sequences (absent and zero
// are the same).
func (v Vector) Equal(w Vector) bool {
	for o, s := range v {
		if w[o] != s {
			return false
		}
	}
	for o, s := range w {
		if v[o] != s {
			return false
		}
	}
	return true
}
