package calendar

import (
	"math"
	"testing"
)

// TestNewMoonMeeus checks newMoon against Meeus, Astronomical Algorithms,
// example 49.a: the new moon of February 1977 (k = −283 there) at
// JDE 2443192.65118.
func TestNewMoonMeeus(t *testing.T) {
	const wantJDE = 2443192.65118
	k := -283 + 1237 // Meeus's k = 0 is this package's k = 1237
	got := newMoon(k) + deltaT(1977.13)/86400
	if diff := math.Abs(got-wantJDE) * 86400; diff > 2 {
		t.Errorf("JDE = %.5f, want %.5f (off by %.1f s)", got, wantJDE, diff)
	}
}

// TestSunLongitudeMeeus checks sunLongitude against Meeus example 25.a: on
// 1992 October 13.0 TD the Sun's apparent longitude is 199.90895°.
func TestSunLongitudeMeeus(t *testing.T) {
	jd := 2448908.5 - deltaT(1992.78)/86400 // the instant in UT
	if got := sunLongitude(jd); math.Abs(got-199.90895) > 0.0002 {
		t.Errorf("λ = %.5f°, want 199.90895°", got)
	}
}

// TestSolarTermsMidnightMargin guards the claim in astro.go: from 1968 to
// 2100 no major solar term falls within ten minutes of the midnight that
// starts a lunar month in UTC+7, so the 0.01° error of sunLongitude cannot
// move a leap month.
func TestSolarTermsMidnightMargin(t *testing.T) {
	const degPerMinute = 360 / 365.2422 / 1440
	k0 := int((float64(jdFromDate(1968, 1, 1)) - 2415021) / synodicMonth)
	k1 := int((float64(jdFromDate(2100, 12, 31)) - 2415021) / synodicMonth)
	minMargin := math.Inf(1)
	for k := k0; k <= k1; k++ {
		l := sunLongitude(float64(newMoonDay(k, vnZoneHours)) - 0.5 - vnZoneHours/24)
		margin := math.Abs(l-30*math.Round(l/30)) / degPerMinute
		minMargin = min(minMargin, margin)
	}
	if minMargin < 9 {
		t.Errorf("a major solar term falls %.1f minutes from a month's first midnight", minMargin)
	}
}
