package node

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Serving describes a running `hoso-node serve`, as written to ServeFile.
type Serving struct {
	// URL is the console's base URL, without the token.
	URL string `json:"url"`
	// PID is the serving process.
	PID int `json:"pid"`
	// Listen lists the libp2p addresses the node listens on.
	Listen []string `json:"listen"`
}

// WriteServing records that a node serves this folder.
func WriteServing(dir string, s Serving) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", ServeFile, err)
	}
	return writePrivate(filepath.Join(dir, ServeFile), b)
}

// ClearServing removes the record written by WriteServing.
func ClearServing(dir string) {
	os.Remove(filepath.Join(dir, ServeFile))
}

// ReadServing reads the record of a node serving dir. The record can be
// stale (a killed process leaves it behind): callers confirm by calling it.
func ReadServing(dir string) (Serving, bool) {
	b, err := os.ReadFile(filepath.Join(dir, ServeFile))
	if err != nil {
		return Serving{}, false
	}
	var s Serving
	if json.Unmarshal(b, &s) != nil || s.URL == "" {
		return Serving{}, false
	}
	return s, true
}
