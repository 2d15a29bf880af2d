package app

import (
	"encoding/json"
	"strconv"
	"time"

	"hoso/store"
)

// printEntry records one print: when, by whom, with which template
// version, and the QR text it carried.
type printEntry struct {
	At       time.Time `json:"at"`
	By       string    `json:"by"`
	Template string    `json:"template"`
	Verify   string    `json:"verify"`
}

// printLog is the node's record of a document's prints. It is local, not
// an event: printing changes no record, and a print must not change the
// hash the next print's QR code carries.
type printLog struct {
	Count int `json:"count"`
	// Last keeps the latest prints, newest last.
	Last []printEntry `json:"last"`
}

// maxPrintEntries bounds the prints kept per document.
const maxPrintEntries = 20

// readPrintLog reads a document's print log; nodes from before the log
// kept only the count, as a decimal string.
func readPrintLog(st *store.Store, key string) printLog {
	var l printLog
	b, err := st.Local(key)
	if err != nil {
		return l
	}
	if json.Unmarshal(b, &l) != nil {
		l = printLog{}
		l.Count, _ = strconv.Atoi(string(b))
	}
	return l
}

// printCount is how many times a document was printed on this node.
func printCount(st *store.Store, key string) int { return readPrintLog(st, key).Count }

// recordPrint adds a print to a document's log.
func recordPrint(st *store.Store, key string, e printEntry) error {
	l := readPrintLog(st, key)
	l.Count++
	l.Last = append(l.Last, e)
	if n := len(l.Last); n > maxPrintEntries {
		l.Last = l.Last[n-maxPrintEntries:]
	}
	if err := st.SetLocal(key, mustJSON(l)); err != nil {
		return Wrap(CodeInternal, err, "recording the print")
	}
	return nil
}
