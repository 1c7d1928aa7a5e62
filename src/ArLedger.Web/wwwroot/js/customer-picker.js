// Customer pickers: an input with a datalist filled, as the clerk types, with customers whose name or account
// number contains the text. The form's data-customers-url answers with [{ account, name, city }].
(function () {
    document.querySelectorAll('input[data-customer][list]').forEach(function (input) {
        var list = document.getElementById(input.getAttribute('list'));
        var url = input.form && input.form.dataset.customersUrl;
        if (!list || !url) return;
        var timer = null, asked = '';
        function fill() {
            var q = input.value.trim();
            if (q.length < 2 || q === asked) return;
            asked = q;
            fetch(url + '&q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
                .then(function (r) { return r.ok ? r.json() : []; })
                .then(function (found) {
                    list.replaceChildren.apply(list, found.map(function (c) {
                        var o = document.createElement('option');
                        o.value = c.account;
                        o.label = c.name + (c.city ? ' — ' + c.city : '');
                        return o;
                    }));
                });
        }
        input.addEventListener('input', function () {
            clearTimeout(timer);
            timer = setTimeout(fill, 150);
        });
    });
})();
