package calendar

import "slices"

// Kind classifies a day off.
type Kind string

// The kinds of day off.
const (
	// KindStatutory is a public holiday of Labour Code art. 112 other than
	// Tết, including the day next to National Day.
	KindStatutory Kind = "statutory"
	// KindTet is one of the statutory days of Tết Nguyên đán.
	KindTet Kind = "tet"
	// KindMakeUp is a day off given back because a holiday fell on a weekly
	// rest day (nghỉ bù, art. 111).
	KindMakeUp Kind = "makeup"
	// KindExtra is a working day given off by a decision for that year
	// (usually in exchange for a Saturday worked).
	KindExtra Kind = "extra"
)

// Holiday is one day off other than a weekly rest day.
type Holiday struct {
	Date   Date   `json:"date"`
	Name   string `json:"name"`   // Vietnamese
	NameEN string `json:"nameEn"` // English
	Kind   Kind   `json:"kind"`
	// MakesUpFor is, for a make-up day, the holiday it stands in for.
	MakesUpFor *Date `json:"makesUpFor,omitempty"`
}

// yearPlan is one solar year resolved: every day marked working or not, and
// the holidays and swapped working days listed. It is immutable once built.
type yearPlan struct {
	first    int       // Julian day number of 1 January
	working  []bool    // indexed by day of the year, 0-based
	holiday  []int16   // index into holidays by day of the year, or −1
	holidays []Holiday // sorted by date
	swapped  []NamedDate
}

// statutory returns the statutory holidays, Tết included, whose dates fall
// in solar year y, one per date (two rules on one date share it, names
// joined), sorted by date. Years outside MinYear–MaxYear have none.
func (c *Calendar) statutory(y int) []Holiday {
	if y < MinYear || y > MaxYear {
		return nil
	}
	slot := &c.stat[y-MinYear]
	if p := slot.Load(); p != nil {
		return *p
	}
	hs := c.computeStatutory(y)
	slot.CompareAndSwap(nil, &hs)
	return *slot.Load()
}

func (c *Calendar) computeStatutory(y int) []Holiday {
	byDate := map[Date]int{}
	var hs []Holiday
	add := func(d Date, name, nameEN string, kind Kind) {
		if d.Year != y {
			return
		}
		if i, ok := byDate[d]; ok {
			hs[i].Name += "; " + name
			hs[i].NameEN += "; " + nameEN
			if kind == KindTet {
				hs[i].Kind = KindTet
			}
			return
		}
		byDate[d] = len(hs)
		hs = append(hs, Holiday{Date: d, Name: name, NameEN: nameEN, Kind: kind})
	}
	ov := c.overrides[y]
	for _, s := range c.rules.Solar {
		if s.Contains(y) {
			add(Date{y, s.Month, s.Day}, s.Name, s.NameEN, KindStatutory)
		}
	}
	for _, l := range c.rules.Lunar {
		if !l.Contains(y) {
			continue
		}
		// A lunar date falls in solar year y if it belongs to lunar year
		// y or, late in its year, to lunar year y−1.
		for _, ly := range []int{y - 1, y} {
			if d, err := FromLunar(LunarDate{Year: ly, Month: l.Month, Day: l.Day}); err == nil {
				add(d, l.Name, l.NameEN, KindStatutory)
			}
		}
	}
	if r, ok := c.tetRule(y); ok {
		if len(ov.TetDays) > 0 {
			for _, d := range ov.TetDays {
				add(d, r.Name, r.NameEN, KindTet)
			}
		} else if tet, err := LunarNewYear(y); err == nil {
			for _, off := range r.Offsets {
				add(tet.AddDays(off), r.Name, r.NameEN, KindTet)
			}
		}
	}
	if r, ok := c.adjacentRule(y); ok {
		d := c.adjacentDay(Date{y, r.AnchorMonth, r.AnchorDay}, r.Choice)
		if ov.NationalDayExtra != nil {
			d = *ov.NationalDayExtra
		}
		add(d, r.Name, r.NameEN, KindStatutory)
	}
	slices.SortFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return hs
}

// adjacentDay applies an AdjacentChoice to an anchor date.
func (c *Calendar) adjacentDay(anchor Date, choice AdjacentChoice) Date {
	before, after := anchor.AddDays(-1), anchor.AddDays(1)
	switch choice {
	case AdjacentAfter:
		return after
	case AdjacentBridge:
		bw, aw := c.workWeek[before.Weekday()], c.workWeek[after.Weekday()]
		switch {
		case aw && !bw:
			return after
		case aw && bw:
			// Both are working days: take the one that touches a rest day.
			if !c.workWeek[after.AddDays(1).Weekday()] && c.workWeek[before.AddDays(-1).Weekday()] {
				return after
			}
		}
	}
	return before
}

// makeUps returns the make-up days that fall in year y. They are allotted
// over the three years around y, in date order of the holidays they stand
// in for, so that a holiday late in December is made up in January the same
// way whichever year is asked first.
func (c *Calendar) makeUps(y int) []Holiday {
	if c.rules.MakeUp != MakeUpNextWorkingDay {
		return nil
	}
	taken := map[Date]bool{} // statutory days, extra days off, make-up days given
	var stat []Holiday
	for yy := y - 1; yy <= y+1; yy++ {
		for _, h := range c.statutory(yy) {
			stat = append(stat, h)
			taken[h.Date] = true
		}
		for _, e := range c.overrides[yy].ExtraDaysOff {
			taken[e.Date] = true
		}
	}
	var out []Holiday
	for _, h := range stat {
		if c.workWeek[h.Date.Weekday()] {
			continue
		}
		d := h.Date.AddDays(1)
		for taken[d] || !c.workWeek[d.Weekday()] {
			d = d.AddDays(1)
		}
		taken[d] = true
		if d.Year == y {
			src := h.Date
			out = append(out, Holiday{Date: d, Name: makeUpPrefix + h.Name, NameEN: makeUpPrefixEN + h.NameEN,
				Kind: KindMakeUp, MakesUpFor: &src})
		}
	}
	return out
}

// plan returns the resolved year y, building and caching it on first use.
// The caller has checked that y is within MinYear–MaxYear.
func (c *Calendar) plan(y int) *yearPlan {
	slot := &c.plans[y-MinYear]
	if p := slot.Load(); p != nil {
		return p
	}
	if c.eras != nil {
		slot.CompareAndSwap(nil, c.composePlan(y))
	} else {
		slot.CompareAndSwap(nil, c.buildPlan(y))
	}
	return slot.Load()
}

func (c *Calendar) buildPlan(y int) *yearPlan {
	first := jdFromDate(y, 1, 1)
	n := jdFromDate(y+1, 1, 1) - first
	p := &yearPlan{first: first, working: make([]bool, n), holiday: make([]int16, n)}
	for i := range n {
		p.working[i] = c.workWeek[dateFromJDN(first+i).Weekday()]
		p.holiday[i] = -1
	}
	ov := c.overrides[y]
	hs := slices.Clone(c.statutory(y))
	hs = append(hs, c.makeUps(y)...)
	for _, e := range ov.ExtraDaysOff {
		hs = append(hs, Holiday{Date: e.Date, Name: orDefault(e.Name, extraName),
			NameEN: orDefault(e.NameEN, extraNameEN), Kind: KindExtra})
	}
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	hs = slices.CompactFunc(hs, func(a, b Holiday) bool { return a.Date == b.Date })
	for i, h := range hs {
		j := h.Date.jdn() - first
		p.working[j] = false
		p.holiday[j] = int16(i)
	}
	for _, s := range ov.SwappedWorkingDays {
		p.working[s.Date.jdn()-first] = true
		p.swapped = append(p.swapped, NamedDate{Date: s.Date, Name: orDefault(s.Name, swappedWorkName),
			NameEN: orDefault(s.NameEN, swappedWorkNameEN)})
	}
	slices.SortFunc(p.swapped, func(a, b NamedDate) int { return a.Date.Compare(b.Date) })
	p.holidays = hs
	return p
}

// tetRule returns the Tết rule in force in year y.
func (c *Calendar) tetRule(y int) (TetRule, bool) {
	for _, r := range c.rules.Tet {
		if r.Contains(y) {
			return r, true
		}
	}
	return TetRule{}, false
}

// adjacentRule returns the adjacent-day rule in force in year y.
func (c *Calendar) adjacentRule(y int) (AdjacentDayRule, bool) {
	for _, r := range c.rules.NationalDayExtra {
		if r.Contains(y) {
			return r, true
		}
	}
	return AdjacentDayRule{}, false
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
