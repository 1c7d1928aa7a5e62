// The split form of a bank line: the search lists open items of any customer, and "Add" puts an item's number and
// open amount into the form's next empty row. The page gives the search address and the button's word:
// <script src="/js/bank-split.js" data-search-url="/Bank/Statement/1?handler=OpenItems" data-add="Add"></script>
(function () {
    var script = document.currentScript;
    if (!script) return;
    var url = script.dataset.searchUrl, addWord = script.dataset.add || 'Add';
    document.querySelectorAll('[data-split]').forEach(function (panel) {
        var search = panel.querySelector('[data-open-items-search]');
        var list = panel.querySelector('[data-open-items]');
        var form = panel.querySelector('[data-split-form]');
        var timer = null, asked = 0;
        search.addEventListener('input', function () {
            clearTimeout(timer);
            timer = setTimeout(function () {
                var q = search.value.trim(), ask = ++asked;
                if (q.length < 2) { list.replaceChildren(); return; }
                fetch(url + '&q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
                    .then(function (r) { return r.ok ? r.json() : []; })
                    .then(function (items) { if (ask === asked) show(items); });
            }, 200);
        });
        search.addEventListener('keydown', function (e) {
            // Enter adds the first item found instead of posting anything.
            if (e.key !== 'Enter') return;
            e.preventDefault();
            var first = list.querySelector('button');
            if (first) first.click();
        });
        function show(items) {
            list.replaceChildren.apply(list, items.map(function (item) {
                var li = document.createElement('li');
                li.className = 'd-flex gap-2 align-items-center';
                var text = document.createElement('span');
                text.textContent = item.number + ' · ' + item.customerAccount + ' ' + item.customerName + ' · ' + item.dueDate + ' · ' + item.openText;
                var add = document.createElement('button');
                add.type = 'button';
                add.className = 'btn btn-sm btn-link p-0';
                add.textContent = addWord;
                add.dataset.addItem = item.number;
                add.addEventListener('click', function () { fill(item); });
                li.append(add, text);
                return li;
            }));
        }
        function fill(item) {
            var targets = form.querySelectorAll('[data-part-target]'), amounts = form.querySelectorAll('[data-part-amount]');
            for (var i = 0; i < targets.length; i++) {
                if (targets[i].value.trim() === '') {
                    targets[i].value = item.number;
                    amounts[i].value = item.open;
                    amounts[i].focus();
                    return;
                }
            }
        }
    });
})();
