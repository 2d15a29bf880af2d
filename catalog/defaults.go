package catalog

import (
	"bytes"
	_ "embed"
	"fmt"
)

// sample is the shipped catalog of common commune procedures, a copy of the
// project's shared sample. Its "_about" key describes its fields.
//
//go:embed defaults/procedures.sample.json
var sample []byte

// Default returns the catalog the app ships, for an office to start from:
// the procedures of the embedded sample, in its order, through Import (so a
// procedure without a national code gets LocalCode's code, a null fee stays
// nil with its note, and confidence and agencies are kept), each active and
// given DefaultSteps as a step table for the administrator to edit.
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

// DefaultVersion returns the version the embedded sample gives its data
// ("sample-2026-11"), to be recorded with the catalog Default builds.
func DefaultVersion() string {
	version, _, _ := decodeJSON(sample)
	return version
}
