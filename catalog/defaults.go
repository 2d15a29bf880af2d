package catalog

import (
	"bytes"
	_ "embed"
	"fmt"
)

// sample is the shipped catalog of common commune procedures: the project's
// reference catalog (shared/data/procedures.2025.json) in the catalog's JSON
// shape, with the former sample's other entries. Its "_about" key says how
// it was made.
//
//go:embed defaults/procedures.json
var sample []byte

// Default returns the catalog the app ships, for an office to start from:
// the procedures of the embedded file, in its order, through Import (so a
// procedure without a code gets LocalCode's, a null fee stays nil with its
// note, and papers, fee rules, deciding agencies and bases are kept), each
// given DefaultSteps as a step table for the administrator to edit. An entry
// whose time limit is still to verify ships inactive.
func Default() ([]Procedure, error) {
	procs, err := Import(bytes.NewReader(sample), FormatJSON)
	if err != nil {
		return nil, fmt.Errorf("reading the default catalog: %w", err)
	}
	for i, p := range procs {
		if len(p.Steps) == 0 {
			p.Steps = DefaultSteps(p)
		}
		if procs[i], err = Clean(p); err != nil {
			return nil, fmt.Errorf("reading the default catalog: %w", err)
		}
	}
	return procs, nil
}

// DefaultVersion returns the version the embedded file gives its data
// ("reference-2026-12"), to be recorded with the catalog Default builds.
func DefaultVersion() string {
	version, _, _ := decodeJSON(sample)
	return version
}
