package dossier

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
)

// The structure of a personal identification number (số định danh cá
// nhân, Law on Identification 2023 art. 12; Circular 59/2021/TT-BCA): 12
// digits, of which the first three name the province where the birth was
// registered (001 Hà Nội … 096 Cà Mau) or, for a birth registered abroad,
// the country; then one digit for the century and sex, two for the year
// of birth and six drawn at random.
//
// The list of those first three digits is data, not code: it is shipped in
// data/idcodes.json with its legal basis, and read once at start-up. A
// number is never renumbered, so the 63 province codes stay valid after the
// provinces merged in 2025 (a new list would add codes, never drop one).
// The codes for births abroad are kept as ranges.

//go:embed data/idcodes.json
var idCodesJSON []byte

// IDCodes is the list of the first three digits a personal identification
// number may start with, as data/idcodes.json holds it.
type IDCodes struct {
	// Basis cites the instrument that sets the list.
	Basis string `json:"basis"`
	// Provinces are the codes of the provinces, with their names.
	Provinces []IDPlace `json:"provinces"`
	// Abroad are the ranges of codes of the countries where a birth
	// registered abroad was recorded, both ends included.
	Abroad []IDRange `json:"abroad"`
}

// IDPlace is a province code and its name.
type IDPlace struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// IDRange is a range of three-digit codes, both ends included.
type IDRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

var (
	idCodeRE = regexp.MustCompile(`^\d{3}$`)
	// idCodes is the parsed list; parseIDCodes checks it at start-up, so a
	// damaged file stops the program rather than refuse every number.
	idCodes = mustIDCodes(idCodesJSON)
)

// parseIDCodes reads and checks a list of codes: each three digits, no
// province twice, every range in order.
func parseIDCodes(b []byte) (IDCodes, error) {
	var c IDCodes
	if err := json.Unmarshal(b, &c); err != nil {
		return IDCodes{}, fmt.Errorf("reading the identification codes: %w", err)
	}
	if len(c.Provinces) == 0 {
		return IDCodes{}, fmt.Errorf("reading the identification codes: no province")
	}
	seen := map[string]bool{}
	for _, p := range c.Provinces {
		if !idCodeRE.MatchString(p.Code) || p.Name == "" || seen[p.Code] {
			return IDCodes{}, fmt.Errorf("reading the identification codes: bad province %q %q", p.Code, p.Name)
		}
		seen[p.Code] = true
	}
	for _, r := range c.Abroad {
		if !idCodeRE.MatchString(r.From) || !idCodeRE.MatchString(r.To) || r.To < r.From {
			return IDCodes{}, fmt.Errorf("reading the identification codes: bad range %q–%q", r.From, r.To)
		}
	}
	return c, nil
}

func mustIDCodes(b []byte) IDCodes {
	c, err := parseIDCodes(b)
	if err != nil {
		panic(err)
	}
	return c
}

// Place returns what the first three digits of id name: the province's
// name, or "" for a birth registered abroad; ok is false when they name
// neither (or id is shorter than three digits).
func (c IDCodes) Place(id string) (name string, ok bool) {
	if len(id) < 3 || !idCodeRE.MatchString(id[:3]) {
		return "", false
	}
	code := id[:3]
	for _, p := range c.Provinces {
		if p.Code == code {
			return p.Name, true
		}
	}
	for _, r := range c.Abroad {
		if r.From <= code && code <= r.To {
			return "", true
		}
	}
	return "", false
}

// CitizenIDPlace returns the place the first three digits of a personal
// identification number name in the shipped list: the province's name, or
// "" for a birth registered abroad; ok is false when they name neither.
func CitizenIDPlace(id string) (name string, ok bool) { return idCodes.Place(id) }
