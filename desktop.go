package main

import (
	"context"
	"log"

	"hoso/app"
	"hoso/node"
)

// desktop opens the data folder when the window starts and closes it when
// the window goes. Opening happens in OnStartup, never before wails.Run,
// because `wails build` runs the binary to generate bindings.
type desktop struct {
	core    *app.Core
	dataDir string
	node    *node.Node
	smoke   *smoke
}

func (d *desktop) startup(ctx context.Context) {
	// A first start on a new machine prepares the per-user folder, as the
	// clerk would expect; an existing node keeps its identity and data.
	n, err := node.Init(node.InitOptions{Dir: d.dataDir})
	if err != nil {
		log.Printf("opening %s: %v", d.dataDir, err)
		d.core.Failed(err)
	} else {
		d.node = n
		d.core.Ready(n.Deps())
	}
	if d.smoke != nil {
		d.smoke.start(ctx)
	}
}

func (d *desktop) shutdown(context.Context) {
	if d.node != nil {
		if err := d.node.Close(); err != nil {
			log.Printf("closing %s: %v", d.dataDir, err)
		}
	}
}
