package main

import (
	"context"
	"log"

	"hoso/node"
)

// desktop opens the data folder as the program starts (openEarly, beside
// the window's creation; never in the Wails CLI's bindings run) and closes
// it when the window goes. OnStartup waits until the folder is open.
type desktop struct {
	opener *node.DesktopOpener
	files  *Files
	smoke  *smoke
	timing *timing
}

func (d *desktop) startup(ctx context.Context) {
	// A first start prepares the per-user folder as the clerk would expect:
	// sealed by the OS key store when there is one, or waiting in the
	// window for the office passphrase.
	if d.timing != nil {
		d.timing.start(ctx)
	}
	d.files.startup(ctx)
	d.opener.Start()
	if d.smoke != nil {
		d.smoke.start(ctx)
	}
}

func (d *desktop) shutdown(context.Context) {
	d.files.shutdown()
	if err := d.opener.Close(); err != nil {
		log.Printf("closing the data folder: %v", err)
	}
}
