// The invoice and credit note forms: lines added and removed from the keyboard, totals while typing, and the
// due date filled from the chosen customer's terms.
(function () {
    var form = document.querySelector('[data-invoice-form]');
    if (!form) return;
    var A = window.ArAmounts;
    var lines = form.querySelector('[data-lines]');
    var rows = lines.querySelector('[data-line-rows]');
    var template = lines.querySelector('[data-line-template]');

    function lineRows() { return Array.prototype.slice.call(rows.querySelectorAll('tr[data-line]')); }

    // The server binds Lines[0..n-1], so rows are renumbered after every change.
    function renumber() {
        lineRows().forEach(function (tr, i) {
            tr.querySelectorAll('[name]').forEach(function (el) {
                el.name = el.name.replace(/^Lines\[[^\]]*\]/, 'Lines[' + i + ']');
            });
        });
    }

    function recompute() {
        var currency = lines.dataset.currency || 'EUR';
        var net = 0, vat = 0;
        lineRows().forEach(function (tr) {
            var l = A.line(tr.querySelector('[data-quantity]').value, tr.querySelector('[data-unit-price]').value,
                tr.querySelector('[data-vat-rate]').value);
            tr.querySelector('[data-line-net]').textContent = l ? A.format(l.net, currency) : '';
            if (l) { net += l.net; vat += l.vat; }
        });
        lines.querySelector('[data-total-net]').textContent = A.format(net, currency);
        lines.querySelector('[data-total-vat]').textContent = A.format(vat, currency);
        lines.querySelector('[data-total-gross]').textContent = A.format(net + vat, currency);
    }

    function addLine(after) {
        var tr = template.content.firstElementChild.cloneNode(true);
        var previous = after || lineRows().pop();
        if (previous) tr.querySelector('[data-vat-rate]').value = previous.querySelector('[data-vat-rate]').value;
        if (after) after.after(tr); else rows.appendChild(tr);
        renumber();
        recompute();
        tr.querySelector('input').focus();
    }

    function removeLine(tr) {
        var all = lineRows();
        var index = all.indexOf(tr);
        if (all.length === 1) {
            tr.querySelectorAll('input').forEach(function (i) { i.value = ''; });
            tr.querySelector('input').focus();
        } else {
            tr.remove();
            renumber();
            var next = lineRows()[Math.max(0, index - 1)];
            next.querySelector('input').focus();
        }
        recompute();
    }

    lines.addEventListener('click', function (e) {
        if (e.target.closest('[data-add-line]')) addLine(null);
        var remove = e.target.closest('[data-remove-line]');
        if (remove) removeLine(remove.closest('tr'));
    });
    lines.addEventListener('keydown', function (e) {
        var tr = e.target.closest('tr[data-line]');
        if (tr && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            addLine(tr);
        }
    });
    form.addEventListener('input', function (e) {
        e.target.classList.remove('is-invalid');
        if (e.target.closest('[data-lines]')) recompute();
    });
    lines.addEventListener('change', recompute);

    // A chosen customer brings its currency, terms and the due date they give the invoice date.
    var customer = form.querySelector('[data-customer]');
    var info = form.querySelector('[data-customer-info]');
    var date = form.querySelector('[data-invoice-date]');
    var due = form.querySelector('[data-due-date]');

    function fillTerms() {
        if (!customer || !customer.value.trim() || !form.dataset.termsUrl) return;
        var url = form.dataset.termsUrl + '&customer=' + encodeURIComponent(customer.value.trim()) + (date && date.value ? '&date=' + date.value : '');
        fetch(url, { headers: { Accept: 'application/json' } })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (c) {
                if (!c) { if (info) info.textContent = ''; return; }
                if (info) info.textContent = c.name + ' · ' + c.terms + ' · ' + c.currency;
                if (due) due.value = c.dueDate;
                lines.dataset.currency = c.currency;
                recompute();
            });
    }

    if (customer && customer.tagName === 'INPUT') customer.addEventListener('change', fillTerms);
    if (date && due) date.addEventListener('change', fillTerms);

    recompute();
    // After a refused post the cursor goes where the first correction is needed.
    var invalid = form.querySelector('.is-invalid');
    if (invalid) invalid.focus();
})();
