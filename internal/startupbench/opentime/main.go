// Command opentime opens a data folder and prints where the time went
// (a development aid for issue 19 §4).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"hoso/node"
	"hoso/seal"
)

func main() {
	f, _ := os.Create("/tmp/opentime.prof")
	pprof.StartCPUProfile(f)
	defer pprof.StopCPUProfile()
	var tm node.OpenTimings
	start := time.Now()
	n, err := node.OpenTimed(seal.UnlockOptions{Dir: os.Args[1], KeyFile: os.Args[2]}, &tm)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	total := time.Since(start)
	n.Close()
	b, _ := json.Marshal(map[string]any{"totalMs": total.Milliseconds(), "unsealMs": tm.Unseal.Milliseconds(), "badgerMs": tm.Store.Badger.Milliseconds(), "migrateMs": tm.Store.Migrate.Milliseconds(), "loadMs": tm.Store.Load.Milliseconds(), "projMs": tm.Store.Projections.Milliseconds()})
	fmt.Println(string(b))
}
