// Package frontend embeds the built web interface (frontend/dist), which the
// desktop window and the node's console both serve.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Assets returns the built interface with index.html at its root. Before the
// first `npm run build` it holds only a placeholder.
func Assets() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only on an invalid path, and "dist" is valid.
		panic(err)
	}
	return sub
}

// Built reports whether the interface has been built into the binary.
func Built() bool {
	_, err := fs.Stat(Assets(), "index.html")
	return err == nil
}
