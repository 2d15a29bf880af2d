package app

import (
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"hoso/calendar"
	"hoso/print"
	"hoso/store"
)

// printOffice is how a paper dated on names the office that issues it:
// the issuing body in bold under the body above it, from the office
// records as they stand, never naming an office that had ceased by then.
//
//   - An office with a Header (a commune's "Trung tâm Phục vụ hành chính
//     công") prints it under its own name: the centre under "UBND xã …".
//   - Otherwise the office prints under the nearest office above it that
//     still existed on the paper's date: since 1 July 2025 a commune's
//     papers name "UBND tỉnh …", not the district that was abolished.
//
// A zero on is today's structure: only offices ended by now are skipped.
func printOffice(st *store.Store, code string, on time.Time) print.Office {
	office := print.Office{Name: code}
	o, err := getOffice(st, code)
	if err != nil {
		return office
	}
	if on.IsZero() {
		on = time.Now()
	}
	day := calendar.DateOf(on).String()
	office.Name, office.Place, office.Phone = o.Name, placeOf(o.Name), o.Phone
	if h := strings.TrimSpace(o.Header); h != "" {
		office.Name, office.ParentName = h, o.Name
		return office
	}
	parent := o.Parent
	for range maxOfficeDepth {
		if parent == "" {
			break
		}
		p, err := getOffice(st, parent)
		if err != nil {
			break
		}
		if !endedBy(p, day) {
			office.ParentName = p.Name
			break
		}
		parent = p.Parent
	}
	return office
}

// endedBy reports whether an office had ceased on day (YYYY-MM-DD; both
// written alike, so they compare as text).
func endedBy(o OfficeRecord, day string) bool {
	return o.Ended != "" && o.Ended <= day
}

// placeWords are the words an office's name begins with before the name
// of its place, longest first.
var placeWords = []string{"ủy ban nhân dân", "uỷ ban nhân dân", "ubnd", "thành phố", "thị trấn", "thị xã", "phường", "quận", "huyện", "tỉnh", "xã", "tp."}

// placeOf guesses the place of an office's date line from its name: "UBND
// xã Đông Sơn (dữ liệu thử)" is in "Đông Sơn". A name it cannot read
// gives "", which prints as dots to fill in by hand.
func placeOf(name string) string {
	s := strings.TrimSpace(norm.NFC.String(name))
	if i := strings.IndexAny(s, "(,"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	for again := true; again; {
		again = false
		for _, w := range placeWords {
			if len(s) > len(w) && strings.EqualFold(s[:len(w)], w) && s[len(w)] == ' ' {
				s, again = strings.TrimSpace(s[len(w):]), true
			}
		}
	}
	if s == strings.TrimSpace(name) || s == "" {
		return ""
	}
	return s
}
