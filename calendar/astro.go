package calendar

// Astronomy for the lunar calendar: the instants of new moons and the Sun's
// apparent longitude, from Jean Meeus, Astronomical Algorithms (2nd ed.,
// Willmann-Bell, 1998), with ΔT from Espenak and Meeus's polynomials (NASA,
// Five Millennium Canon of Solar Eclipses, 2006).
//
// Hồ Ngọc Đức's reference code uses a shorter new-moon series (from Meeus's
// earlier Astronomical Formulae for Calculators) that is off by up to about
// two minutes. Over 1900–2100 that moves four new moons across midnight in
// UTC+7 (June 1944, July 1967, December 2072, November 2077), in months that
// carry no public holiday. With the full series this package agrees with his
// published year tables for 1968–2100 in every month but one: the new moon
// of 8 May 2054, 23 seconds after midnight by this computation, closer than
// ΔT (the drift of Earth's rotation) can be foreseen.
//
// The solar longitude is only ever compared with multiples of 30°; over
// 1968–2100 the nearest such crossing to a month's first midnight in UTC+7
// is ten minutes away (September 2033), beyond the formula's error of about
// 0.01°.

import "math"

const deg = math.Pi / 180

// newMoon returns the Julian date, in UT, of new moon number k, counted from
// the new moon of 1900-01-01 13:52 UT (k = 0), the numbering of Hồ Ngọc
// Đức's code. It evaluates Meeus chapter 49 (k = 0 there is 2000-01-06),
// accurate to a few seconds in TT, then subtracts ΔT.
func newMoon(k int) float64 {
	kk := float64(k - 1237)
	T := kk / 1236.85
	T2, T3, T4 := T*T, T*T*T, T*T*T*T
	jde := 2451550.09766 + 29.530588861*kk + 0.00015437*T2 - 0.000000150*T3 + 0.00000000073*T4
	E := 1 - 0.002516*T - 0.0000074*T2
	M := (2.5534 + 29.10535670*kk - 0.0000014*T2 - 0.00000011*T3) * deg                      // Sun's mean anomaly
	Mp := (201.5643 + 385.81693528*kk + 0.0107582*T2 + 0.00001238*T3 - 0.000000058*T4) * deg // Moon's mean anomaly
	F := (160.7108 + 390.67050284*kk - 0.0016118*T2 - 0.00000227*T3 + 0.000000011*T4) * deg  // Moon's argument of latitude
	Om := (124.7746 - 1.56375588*kk + 0.0020672*T2 + 0.00000215*T3) * deg                    // longitude of the Moon's ascending node
	s := math.Sin
	c := -0.40720*s(Mp) + 0.17241*E*s(M) + 0.01608*s(2*Mp) + 0.01039*s(2*F) +
		0.00739*E*s(Mp-M) - 0.00514*E*s(Mp+M) + 0.00208*E*E*s(2*M) - 0.00111*s(Mp-2*F) -
		0.00057*s(Mp+2*F) + 0.00056*E*s(2*Mp+M) - 0.00042*s(3*Mp) + 0.00042*E*s(M+2*F) +
		0.00038*E*s(M-2*F) - 0.00024*E*s(2*Mp-M) - 0.00017*s(Om) - 0.00007*s(Mp+2*M) +
		0.00004*s(2*Mp-2*F) + 0.00004*s(3*M) + 0.00003*s(Mp+M-2*F) + 0.00003*s(2*Mp+2*F) -
		0.00003*s(Mp+M+2*F) + 0.00003*s(Mp-M+2*F) - 0.00002*s(Mp-M-2*F) - 0.00002*s(3*Mp+M) +
		0.00002*s(4*Mp)
	// The planetary arguments A1–A14 and their coefficients (days).
	for _, a := range planetaryTerms {
		c += a.coef * s((a.base+a.rate*kk+a.t2*T2)*deg)
	}
	return jde + c - deltaT(2000+kk/12.3685)/86400
}

var planetaryTerms = [...]struct{ coef, base, rate, t2 float64 }{
	{0.000325, 299.77, 0.107408, -0.009173},
	{0.000165, 251.88, 0.016321, 0},
	{0.000164, 251.83, 26.651886, 0},
	{0.000126, 349.42, 36.412478, 0},
	{0.000110, 84.66, 18.206239, 0},
	{0.000062, 141.74, 53.303771, 0},
	{0.000060, 207.14, 2.453732, 0},
	{0.000056, 154.84, 7.306860, 0},
	{0.000047, 34.52, 27.261239, 0},
	{0.000042, 207.19, 0.121824, 0},
	{0.000040, 291.34, 1.844379, 0},
	{0.000037, 161.72, 24.198154, 0},
	{0.000035, 239.56, 25.513099, 0},
	{0.000023, 331.55, 3.592518, 0},
}

// sunLongitude returns the Sun's apparent geocentric ecliptic longitude, in
// degrees in [0, 360), at Julian date jd in UT (Meeus chapter 25, the
// low-accuracy method with the corrections for nutation and aberration;
// error about 0.01°, a quarter of an hour of the Sun's motion).
func sunLongitude(jd float64) float64 {
	jde := jd + deltaT(2000+(jd-2451544.5)/365.25)/86400
	T := (jde - 2451545.0) / 36525
	T2 := T * T
	L0 := 280.46646 + 36000.76983*T + 0.0003032*T2        // mean longitude
	M := (357.52911 + 35999.05029*T - 0.0001537*T2) * deg // mean anomaly
	C := (1.914602-0.004817*T-0.000014*T2)*math.Sin(M) +  // equation of centre
		(0.019993-0.000101*T)*math.Sin(2*M) + 0.000289*math.Sin(3*M)
	Om := (125.04 - 1934.136*T) * deg
	l := L0 + C - 0.00569 - 0.00478*math.Sin(Om)
	l = math.Mod(l, 360)
	if l < 0 {
		l += 360
	}
	return l
}

// deltaT returns TT − UT in seconds for a decimal year, by Espenak and
// Meeus's polynomials for 1900–2150 (earlier and later years take the
// nearest polynomial; the calendar is only used within MinYear–MaxYear).
func deltaT(y float64) float64 {
	switch {
	case y < 1920:
		t := y - 1900
		return -2.79 + 1.494119*t - 0.0598939*t*t + 0.0061966*t*t*t - 0.000197*t*t*t*t
	case y < 1941:
		t := y - 1920
		return 21.20 + 0.84493*t - 0.076100*t*t + 0.0020936*t*t*t
	case y < 1961:
		t := y - 1950
		return 29.07 + 0.407*t - t*t/233 + t*t*t/2547
	case y < 1986:
		t := y - 1975
		return 45.45 + 1.067*t - t*t/260 - t*t*t/718
	case y < 2005:
		t := y - 2000
		return 63.86 + 0.3345*t - 0.060374*t*t + 0.0017275*t*t*t + 0.000651814*t*t*t*t + 0.00002373599*t*t*t*t*t
	case y < 2050:
		t := y - 2000
		return 62.92 + 0.32217*t + 0.005589*t*t
	default:
		u := (y - 1820) / 100
		return -20 + 32*u*u - 0.5628*(2150-y)
	}
}
