// Amounts as clerks type them ("1 234,56", "1234.56", "1,234.56"), in cents, rounded as the server rounds
// (half away from zero, per line), so the totals shown while typing are the ones the server will post.
window.ArAmounts = (function () {
    var lang = (document.documentElement.lang || 'fr').toLowerCase();
    var locale = lang === 'en' ? 'en-GB' : 'fr-FR';
    var groupsWithComma = lang === 'en';

    // The number typed, as a plain decimal string ("1234.56"), or null when it is not a number.
    function normalize(text) {
        if (text == null) return null;
        var s = String(text).replace(/[\s\u00a0\u202f'’€$£]/g, '');
        if (s === '' || /[^0-9.,-]/.test(s)) return null;
        var comma = s.lastIndexOf(','), dot = s.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            var mark = comma > dot ? ',' : '.';
            s = s.split(mark === ',' ? '.' : ',').join('').replace(mark, '.');
        } else if (comma >= 0 || dot >= 0) {
            var m = comma >= 0 ? ',' : '.';
            var count = s.split(m).length - 1;
            var after = s.length - s.lastIndexOf(m) - 1;
            var grouping = count > 1 || (m === ',' && groupsWithComma && after === 3);
            s = grouping ? s.split(m).join('') : s.replace(m, '.');
        }
        return /^-?\d*(\.\d*)?$/.test(s) && /\d/.test(s) ? s : null;
    }

    // The value scaled to an integer number of 1/10^places units, or null.
    function units(text, places) {
        var s = normalize(text);
        if (s === null) return null;
        var negative = s[0] === '-';
        if (negative) s = s.slice(1);
        var parts = s.split('.');
        var frac = (parts[1] || '');
        var extra = frac.length > places ? frac.slice(places) : '';
        frac = (frac + '0'.repeat(places)).slice(0, places);
        var n = parseInt((parts[0] || '0') + frac, 10);
        if (extra && extra[0] >= '5') n += 1;
        return negative ? -n : n;
    }

    function roundDiv(n, d) { return n >= 0 ? Math.floor((n + d / 2) / d) : -Math.floor((-n + d / 2) / d); }

    // Net and VAT of a line in cents, as DocumentLine.Create computes them.
    function line(quantity, unitPrice, rate) {
        var q = units(quantity, 3), p = units(unitPrice, 4), r = units(rate, 2);
        if (q === null || p === null) return null;
        var net = roundDiv(q * p, 100000);
        var vat = r === null ? 0 : roundDiv(net * r, 10000);
        return { net: net, vat: vat };
    }

    function format(cents, currency) {
        try {
            return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'EUR' }).format(cents / 100);
        } catch (e) {
            return (cents / 100).toFixed(2) + ' ' + currency;
        }
    }

    // An amount for an input field: no grouping, the language's decimal mark.
    function input(cents) {
        if (cents === null || cents === 0) return '';
        var s = (cents / 100).toFixed(2);
        return lang === 'en' ? s : s.replace('.', ',');
    }

    return { cents: function (text) { return units(text, 2); }, line: line, format: format, input: input, lang: lang };
})();
