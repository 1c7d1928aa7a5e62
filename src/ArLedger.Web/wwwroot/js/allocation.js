// The allocation step (record a payment, apply a credit): what is left unapplied while amounts are typed,
// "Clear", and Enter in the payment fields asking for a proposal instead of recording at once.
(function () {
    var A = window.ArAmounts;
    var focusAfterSwap = false;

    function editor() { return document.querySelector('[data-allocation-editor]'); }

    function creditCents(ed) {
        var input = document.querySelector('[data-credit-amount]');
        if (input) return A.cents(input.value) || 0;
        return ed.dataset.credit ? A.cents(ed.dataset.credit) || 0 : 0;
    }

    function recompute() {
        var ed = editor();
        if (!ed) return;
        var currency = ed.dataset.currency || 'EUR';
        var sum = 0;
        ed.querySelectorAll('[data-allocation-amount]').forEach(function (i) {
            var v = A.cents(i.value);
            if (v) sum += v;
        });
        var left = creditCents(ed) - sum;
        var allocated = ed.querySelector('[data-allocated]');
        if (allocated) allocated.textContent = A.format(sum, currency);
        var remainder = ed.querySelector('[data-remainder]');
        remainder.textContent = A.format(left, currency);
        remainder.classList.toggle('text-danger', left < 0);
        var over = ed.querySelector('[data-over-message]');
        if (over) over.classList.toggle('d-none', left >= 0);
    }

    function firstAmount() {
        var ed = editor();
        return ed && ed.querySelector('[data-allocation-amount]');
    }

    document.addEventListener('input', function (e) {
        if (e.target.matches('[data-allocation-amount], [data-credit-amount]')) {
            e.target.classList.remove('is-invalid');
            recompute();
        }
    });

    document.addEventListener('click', function (e) {
        if (!e.target.closest('[data-clear]')) return;
        editor().querySelectorAll('[data-allocation-amount]').forEach(function (i) { i.value = ''; i.classList.remove('is-invalid'); });
        recompute();
        var first = firstAmount();
        if (first) first.focus();
    });

    var requests = 0;
    document.addEventListener('htmx:beforeRequest', function () { requests++; });

    document.addEventListener('keydown', function (e) {
        if (e.key !== 'Enter' || !e.target.matches('[data-propose-on-enter]')) return;
        var amount = document.querySelector('[data-credit-amount]');
        if (!amount || !window.htmx) return;
        e.preventDefault();
        focusAfterSwap = true;
        // Leaving a changed field fires its own change, which asks for the proposal; otherwise ask here. Asking
        // while the field keeps the focus would ask twice: once now, once when the focus moves to the amounts.
        var before = requests;
        e.target.blur();
        if (requests === before) window.htmx.trigger(amount, 'change');
    });

    document.body.addEventListener('htmx:afterSwap', function () {
        recompute();
        if (!focusAfterSwap) return;
        focusAfterSwap = false;
        var first = firstAmount();
        if (first) { first.focus(); first.select(); }
    });

    recompute();
    // A refused post puts the cursor in the field to correct; otherwise applying a credit starts at its first amount,
    // so the clerk can Tab through the amounts at once.
    var invalid = document.querySelector('form .is-invalid');
    var start = invalid || document.querySelector('[data-apply-form] [data-allocation-amount]');
    if (start) start.focus();
})();
