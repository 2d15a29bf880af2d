// Command hoso is the desktop app of Hồ Sơ Một Cửa for commune one-stop
// desks. It binds the services to a Wails window; everything else lives in
// app/, store/, p2p/ and node/.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"hoso/app"
	"hoso/buildinfo"
	"hoso/frontend"
	"hoso/node"
)

func main() {
	node.TuneMemory()
	dataDir := flag.String("data", "", "data folder (default: the per-user data folder)")
	smoke := flag.Bool("smoke", false, "open the window, wait for the interface to call Go once, then exit (for tests)")
	timed := flag.Bool("startup-timing", os.Getenv("HOSO_STARTUP_TIMING") == "1", "log in as --startup-user, open the intake screen and the dossier list, print the start-up phases as one JSON line, then exit")
	user := flag.String("startup-user", "vanthu", "the clerk the start-up timing logs in as (password: $HOSO_STARTUP_PASSWORD, default the demo's)")
	flag.Parse()

	dir := *dataDir
	if dir == "" {
		d, err := node.DefaultDataDir()
		if err != nil {
			log.Fatal(err)
		}
		dir = d
	}

	core := &app.Core{}
	var tm *timing
	var timer *app.StartupTimer
	if *timed {
		password := os.Getenv("HOSO_STARTUP_PASSWORD")
		if password == "" {
			password = "matkhau-demo"
		}
		tm = newTiming(*user, password)
		timer = tm.timer
	}
	desk := &desktop{opener: node.NewDesktopOpener(node.DesktopOptions{Dir: dir, Core: core, Timer: timer}), files: newFiles(), timing: tm}
	opts := app.ServicesOptions{System: app.SystemOptions{Version: buildinfo.Version}, Opener: desk.opener, Sync: desk.opener.SyncEngine}
	if *smoke {
		desk.smoke = newSmoke()
		opts.OnVaultStatus = desk.smoke.reached
	}
	services := app.NewServices(core, opts)
	desk.files.fail = services.Fail
	bind := []any{app.NewBridge(services), desk.files}
	var domReady func(context.Context)
	if tm != nil {
		bind = []any{app.NewTimedBridge(services, timer), desk.files, app.NewStartup(timer)}
		domReady = tm.domReady
	}

	desk.openEarly()
	err := wails.Run(&options.App{
		Title:            "Hồ Sơ Một Cửa",
		Width:            1200,
		Height:           800,
		MinWidth:         900,
		MinHeight:        600,
		AssetServer:      &assetserver.Options{Assets: frontend.Assets()},
		BackgroundColour: &options.RGBA{R: 246, G: 247, B: 249, A: 255},
		OnStartup:        desk.startup,
		OnShutdown:       desk.shutdown,
		OnDomReady:       domReady,
		Bind:             bind,
		ErrorFormatter:   func(err error) any { return app.AsError(err).Reply() },
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "hoso:", err)
		os.Exit(1)
	}
	if desk.smoke != nil && !desk.smoke.ok() {
		fmt.Fprintln(os.Stderr, "hoso: smoke: the interface never called Go")
		os.Exit(1)
	}
}
