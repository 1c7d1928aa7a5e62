// The top-bar search box: suggestions as the user types, ArrowDown/ArrowUp to move through them, Enter to open the
// one chosen (or, with none chosen, the results page), Escape to close. "/" focuses it (site.js).
(function () {
    var form = document.getElementById('global-search');
    if (!form) return;
    var input = form.querySelector('input[name=q]');
    var list = document.getElementById('global-search-list');
    var url = form.dataset.suggestUrl;
    var timer = null, asked = '', items = [], at = -1;

    function close() {
        list.hidden = true;
        input.setAttribute('aria-expanded', 'false');
        input.removeAttribute('aria-activedescendant');
        at = -1;
    }

    function choose(i) {
        items.forEach(function (el, n) { el.classList.toggle('active', n === i); el.setAttribute('aria-selected', n === i ? 'true' : 'false'); });
        at = i;
        if (i >= 0) input.setAttribute('aria-activedescendant', items[i].id);
        else input.removeAttribute('aria-activedescendant');
    }

    function show(hits) {
        items = hits.map(function (h, n) {
            var a = document.createElement('a');
            a.href = h.href;
            a.id = 'global-search-hit-' + n;
            a.className = 'list-group-item list-group-item-action py-1';
            a.setAttribute('role', 'option');
            a.tabIndex = -1;
            var kind = document.createElement('span');
            kind.className = 'badge text-bg-secondary me-2';
            kind.textContent = h.kind;
            var title = document.createElement('span');
            title.className = 'fw-semibold';
            title.textContent = h.title;
            a.append(kind, title);
            if (h.detail) {
                var detail = document.createElement('div');
                detail.className = 'small text-body-secondary text-truncate';
                detail.textContent = h.detail + (h.amount ? ' · ' + h.amount : '');
                a.append(detail);
            }
            return a;
        });
        list.replaceChildren.apply(list, items);
        list.hidden = items.length === 0;
        input.setAttribute('aria-expanded', items.length > 0 ? 'true' : 'false');
        choose(-1);
    }

    function suggest() {
        var q = input.value.trim();
        if (q === asked) return;
        asked = q;
        if (q.length < 2) { show([]); return; }
        fetch(url + '&q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
            .then(function (r) { return r.ok ? r.json() : []; })
            .then(function (hits) { if (input.value.trim() === q) show(hits); });
    }

    input.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(suggest, 150);
    });
    input.addEventListener('keydown', function (e) {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            if (items.length === 0) return;
            e.preventDefault();
            var step = e.key === 'ArrowDown' ? 1 : -1;
            choose(Math.max(-1, Math.min(items.length - 1, at + step)));
        } else if (e.key === 'Enter' && at >= 0) {
            e.preventDefault();
            window.location.href = items[at].href;
        } else if (e.key === 'Escape') {
            close();
        }
    });
    // A press on a suggestion keeps the focus in the box, so the click lands before the blur closes the list.
    list.addEventListener('mousedown', function (e) { e.preventDefault(); });
    input.addEventListener('blur', close);
})();
