// The week grid of deliveries (Features/Deliveries/Week.cshtml): one row per delivery, typed with the keyboard only.
// Format checks run as you type; the server checks the rules (debounced POST ?handler=Validate) and saves the whole
// week at once (?handler=Save), all rows or none. Texts arrive translated in the page's JSON block: this script
// holds no text of its own.

const root = document.getElementById('delivery-grid');
if (root) {
    start(root);
}

function start(root) {
    const { data: initial, texts, culture } = JSON.parse(document.getElementById('delivery-grid-data').textContent);
    const token = root.querySelector('input[name="__RequestVerificationToken"]').value;
    const urls = { validate: root.dataset.validateUrl, save: root.dataset.saveUrl, find: root.dataset.findUrl };
    const body = root.querySelector('.grid-table tbody');
    const totalsBody = root.querySelector('.day-totals tbody');
    const status = root.querySelector('.grid-status');
    const saveButton = root.querySelector('[data-action="save"]');
    const hoursFormat = new Intl.NumberFormat(culture, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

    let data = initial;
    let rows = [];
    let removed = [];
    let submitted = false;
    let dirty = false;
    let nextKey = 1;
    let validation = { timer: 0, sequence: 0 };

    const team = () => data.mode === 'team';
    const fields = () => (team() ? ['workerId'] : []).concat(
        ['onDate', 'startTime', 'duration', 'typeId', 'actCategoryId', 'subject', 'siteId', 'kilometres', 'note']);
    const labels = {
        workerId: texts.worker, onDate: texts.day, startTime: texts.start, duration: texts.hours, typeId: texts.type,
        actCategoryId: texts.category, subject: texts.subject, siteId: texts.site, kilometres: texts.km, note: texts.note,
    };
    const format = (text, ...values) => values.reduce((t, v, i) => t.replace(`{${i}}`, v), text);

    // ---------- Reading what people type (the same rules as DeliveryText and DeliveryRules on the server) ----------

    function durationSeconds(text) {
        const value = (text ?? '').trim();
        if (!value) {
            return null;
        }
        if (value.indexOf(':') > 0) {
            const match = /^(\d+):(\d{2})$/.exec(value);
            if (!match || Number(match[2]) >= 60 || Number(match[1]) > 1000) {
                return NaN;
            }
            return Number(match[1]) * 3600 + Number(match[2]) * 60;
        }
        if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(value)) {
            return NaN;
        }
        const hours = Number(value.replace(',', '.'));
        const seconds = hours * 3600;
        if (!Number.isFinite(hours) || Math.abs(hours) > 1000 || Math.abs(seconds - Math.round(seconds)) > 1e-6) {
            return NaN;
        }
        return Math.round(seconds);
    }

    function formatProblem(row, field) {
        const value = (row[field] ?? '').trim();
        switch (field) {
            case 'duration': {
                if (row.id && value === row.shownDuration) {
                    // Left as shown: the server keeps the seconds the delivery had.
                    return null;
                }
                const seconds = durationSeconds(value);
                if (Number.isNaN(seconds)) {
                    return texts.durationFormat;
                }
                if (seconds !== null && seconds <= 0) {
                    return texts.durationZero;
                }
                return seconds !== null && seconds > data.limitSeconds ? texts.durationMax : null;
            }
            case 'startTime':
                return value && !/^(\d{1,2})(:\d{2}(:\d{2})?|h(\d{2})?)?$/i.test(value) ? texts.startFormat : null;
            case 'kilometres':
                return value && !/^\d+([.,]\d+)?$/.test(value) ? texts.kmFormat : null;
            case 'subject':
                return value && !row.caseFileId && !row.beneficiaryId ? texts.pick : null;
            default:
                return null;
        }
    }

    // ---------- Rows ----------

    function isEmpty(row) {
        return !row.id && !['startTime', 'duration', 'kilometres', 'note', 'subject'].some(f => (row[f] ?? '').trim())
            && !row.actCategoryId;
    }

    function newRow(after) {
        const today = new Date().toISOString().slice(0, 10);
        const inWeek = data.days.some(d => d.date === today) ? today : data.days[0].date;
        return {
            key: nextKey++, id: null, version: null,
            workerId: after?.workerId ?? data.workerId ?? null,
            onDate: after?.onDate ?? inWeek, startTime: '', duration: '',
            typeId: after?.typeId ?? null, actCategoryId: null,
            caseFileId: null, beneficiaryId: null, subject: '',
            siteId: after?.siteId ?? (data.sites.length === 1 ? data.sites[0].id : null),
            kilometres: '', note: '', otherWorkerIds: [],
            clientErrors: {}, serverErrors: {}, touched: new Set(), left: false,
        };
    }

    function fromData(row) {
        return {
            ...row, key: nextKey++, subject: row.subject ?? '', startTime: row.startTime ?? '', kilometres: row.kilometres ?? '',
            shownDuration: row.duration,
            note: row.note ?? '', otherWorkerIds: row.otherWorkerIds ?? [],
            clientErrors: {}, serverErrors: {}, touched: new Set(), left: true,
        };
    }

    function toJson(row) {
        return {
            id: row.id, version: row.version, workerId: team() ? row.workerId || null : data.workerId,
            onDate: row.onDate, startTime: row.startTime, duration: row.duration,
            typeId: row.typeId || null, actCategoryId: row.actCategoryId || null,
            caseFileId: row.caseFileId || null, beneficiaryId: row.beneficiaryId || null, subject: row.subject,
            siteId: row.siteId || null, kilometres: row.kilometres, note: row.note, otherWorkerIds: row.otherWorkerIds,
        };
    }

    function load(newData) {
        data = newData;
        rows = data.rows.map(fromData);
        removed = [];
        submitted = false;
        dirty = false;
        body.replaceChildren(...rows.map(render));
        ensureEmptyLastRow();
        renumber();
        updateTotals();
    }

    function ensureEmptyLastRow() {
        const last = rows[rows.length - 1];
        if (!last || !isEmpty(last)) {
            const row = newRow(last);
            rows.push(row);
            body.append(render(row));
            renumber();
        }
    }

    function renumber() {
        rows.forEach((row, index) => {
            const number = index + 1;
            for (const field of fields()) {
                row.cells[field].input.setAttribute('aria-label', `${labels[field]}, ${format(texts.row, number)}`);
            }
            row.removeButton.setAttribute('aria-label', format(texts.remove, number));
        });
    }

    // ---------- Cells ----------

    function options(select, choices, current, empty) {
        const all = [{ id: '', label: empty }, ...choices];
        if (current && !choices.some(c => c.id === current)) {
            all.push({ id: current, label: data.labels[current] ?? '?' });
        }
        select.replaceChildren(...all.map(choice => {
            const option = document.createElement('option');
            option.value = choice.id;
            option.textContent = choice.label;
            option.selected = choice.id === (current ?? '');
            return option;
        }));
    }

    function render(row) {
        const tr = document.createElement('tr');
        tr.dataset.key = row.key;
        row.element = tr;
        row.cells = {};
        for (const field of fields()) {
            const td = document.createElement('td');
            td.className = `cell-${field}`;
            const input = field === 'subject' ? combobox(row, td) : control(row, field);
            input.dataset.field = field;
            const error = document.createElement('span');
            error.className = 'cell-error';
            error.id = `grid-error-${row.key}-${field}`;
            if (field !== 'subject') {
                td.append(input);
            }
            td.append(error);
            tr.append(td);
            row.cells[field] = { input, error };
        }
        const td = document.createElement('td');
        td.className = 'cell-remove';
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'link remove-row';
        remove.textContent = '×';
        remove.addEventListener('click', () => removeRow(row));
        td.append(remove);
        tr.append(td);
        row.removeButton = remove;
        tr.addEventListener('focusout', event => {
            if (!tr.contains(event.relatedTarget)) {
                row.left = true;
                showErrors(row);
            }
        });
        showErrors(row);
        return tr;
    }

    function control(row, field) {
        let input;
        switch (field) {
            case 'workerId':
                input = document.createElement('select');
                options(input, data.workers, row.workerId, texts.choose);
                break;
            case 'onDate':
                input = document.createElement('select');
                input.replaceChildren(...data.days.map(day => {
                    const option = document.createElement('option');
                    option.value = day.date;
                    option.textContent = day.label;
                    option.selected = day.date === row.onDate;
                    return option;
                }));
                break;
            case 'typeId':
                input = document.createElement('select');
                options(input, data.types, row.typeId, texts.choose);
                break;
            case 'actCategoryId':
                input = document.createElement('select');
                options(input, data.categories, row.actCategoryId, texts.none);
                break;
            case 'siteId':
                input = document.createElement('select');
                options(input, data.sites, row.siteId, texts.none);
                break;
            default:
                input = document.createElement('input');
                input.type = 'text';
                input.autocomplete = 'off';
                input.value = row[field] ?? '';
                if (field === 'duration' || field === 'kilometres') {
                    input.inputMode = 'decimal';
                }
        }
        input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => {
            row[field] = input.value;
            changed(row, field);
        });
        return input;
    }

    /** The case file or person cell: a text box that searches, with a list to choose from (ARIA 1.2 combobox). */
    function combobox(row, td) {
        const wrapper = document.createElement('div');
        wrapper.className = 'combo';
        const input = document.createElement('input');
        input.type = 'text';
        input.autocomplete = 'off';
        input.value = row.subject ?? '';
        input.title = row.subject ?? '';
        input.setAttribute('role', 'combobox');
        input.setAttribute('aria-autocomplete', 'list');
        input.setAttribute('aria-expanded', 'false');
        const list = document.createElement('ul');
        list.id = `grid-list-${row.key}`;
        list.className = 'combo-list';
        list.setAttribute('role', 'listbox');
        list.hidden = true;
        input.setAttribute('aria-controls', list.id);
        wrapper.append(input, list);
        td.append(wrapper);

        let found = [];
        let active = -1;
        let timer = 0;
        let asked = 0;
        const close = () => {
            list.hidden = true;
            input.setAttribute('aria-expanded', 'false');
            input.removeAttribute('aria-activedescendant');
            active = -1;
        };
        const highlight = index => {
            active = index;
            [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
            const option = list.children[index];
            if (index >= 0 && option) {
                input.setAttribute('aria-activedescendant', option.id);
                // Scrolls the list only, never the page (which would close the list).
                if (option.offsetTop < list.scrollTop) {
                    list.scrollTop = option.offsetTop;
                } else if (option.offsetTop + option.offsetHeight > list.scrollTop + list.clientHeight) {
                    list.scrollTop = option.offsetTop + option.offsetHeight - list.clientHeight;
                }
            }
        };
        const choose = index => {
            const subject = found[index];
            if (!subject) {
                return;
            }
            row.caseFileId = subject.caseFileId;
            row.beneficiaryId = subject.beneficiaryId;
            row.subject = subject.label;
            input.value = subject.label;
            input.title = subject.label;
            close();
            changed(row, 'subject');
        };
        const show = items => {
            found = items;
            list.replaceChildren(...(items.length ? items.map((item, i) => {
                const li = document.createElement('li');
                li.id = `${list.id}-${i}`;
                li.setAttribute('role', 'option');
                li.textContent = item.label;
                li.addEventListener('mousedown', event => {
                    event.preventDefault();
                    choose(i);
                });
                return li;
            }) : [Object.assign(document.createElement('li'), { className: 'combo-empty', textContent: texts.noMatch })]));
            // Fixed to the window, so that the grid's scrolling box does not cut the list off.
            const box = input.getBoundingClientRect();
            list.style.left = `${box.left}px`;
            list.style.top = `${box.bottom + 2}px`;
            list.style.minWidth = `${box.width}px`;
            list.hidden = false;
            input.setAttribute('aria-expanded', 'true');
            highlight(items.length ? 0 : -1);
        };
        input.addEventListener('input', () => {
            row.caseFileId = null;
            row.beneficiaryId = null;
            row.subject = input.value;
            changed(row, 'subject');
            clearTimeout(timer);
            if (input.value.trim().length < 2) {
                close();
                return;
            }
            timer = setTimeout(async () => {
                const sequence = ++asked;
                try {
                    const response = await fetch(`${urls.find}&q=${encodeURIComponent(input.value.trim())}`, {
                        headers: { Accept: 'application/json' }, credentials: 'same-origin',
                    });
                    if (response.ok && sequence === asked && document.activeElement === input) {
                        show(await response.json());
                    }
                } catch {
                    close();
                }
            }, 200);
        });
        input.addEventListener('keydown', event => {
            if (list.hidden || event.ctrlKey || event.altKey || event.metaKey) {
                return;
            }
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault();
                event.stopPropagation();
                if (found.length) {
                    highlight((active + (event.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length);
                }
            } else if (event.key === 'Enter' && active >= 0) {
                // Chooses and then, like every Enter, goes on to the next cell.
                choose(active);
            } else if (event.key === 'Escape') {
                event.preventDefault();
                event.stopPropagation();
                close();
            }
        });
        input.addEventListener('blur', () => {
            close();
            // Text left without a choice from the list: said once the cell is left, not while the list is coming.
            row.clientErrors.subject = formatProblem(row, 'subject');
            showErrors(row);
        });
        window.addEventListener('scroll', event => list.hidden || event.target === list || close(), { passive: true, capture: true });
        window.addEventListener('resize', () => list.hidden || close());
        return input;
    }

    function changed(row, field) {
        row.touched.add(field);
        row.clientErrors[field] = field === 'subject' ? null : formatProblem(row, field);
        delete row.serverErrors[field];
        if (field === 'subject') {
            delete row.serverErrors.caseFileId;
            delete row.serverErrors.beneficiaryId;
        }
        showErrors(row);
        dirty = true;
        // The empty row below follows the day, type, site and worker chosen above it, until it is typed in.
        const next = rows[rows.indexOf(row) + 1];
        if (['onDate', 'typeId', 'siteId', 'workerId'].includes(field) && next && isEmpty(next) && next.touched.size === 0
            && next.cells[field]) {
            next[field] = row[field];
            next.cells[field].input.value = row[field] ?? '';
        }
        if (row === rows[rows.length - 1] && !isEmpty(row)) {
            ensureEmptyLastRow();
        }
        updateTotals();
        scheduleValidation();
    }

    /** Which cell shows a problem of the server about a field ("caseFileId" is the search cell's). */
    function cellOf(field) {
        if (field === 'caseFileId' || field === 'beneficiaryId') {
            return 'subject';
        }
        return fields().includes(field) ? field : fields()[0];
    }

    function showErrors(row) {
        const shown = {};
        for (const [field, message] of Object.entries(row.serverErrors)) {
            const cell = cellOf(field);
            // A row being typed is not told what it still lacks until it is left or the week is saved.
            if (row.left || submitted || row.touched.has(cell) || row.id) {
                shown[cell] = shown[cell] ? `${shown[cell]} ${message}` : message;
            }
        }
        for (const [field, message] of Object.entries(row.clientErrors)) {
            if (message) {
                shown[field] = message;
            }
        }
        for (const field of fields()) {
            const { input, error } = row.cells[field];
            const message = shown[field];
            error.textContent = message ?? '';
            if (message) {
                input.setAttribute('aria-invalid', 'true');
                input.setAttribute('aria-describedby', error.id);
            } else {
                input.removeAttribute('aria-invalid');
                input.removeAttribute('aria-describedby');
            }
        }
    }

    function removeRow(row) {
        const index = rows.indexOf(row);
        if (index < 0) {
            return;
        }
        if (row.id) {
            removed.push({ id: row.id, version: row.version });
        }
        rows.splice(index, 1);
        row.element.remove();
        dirty = true;
        ensureEmptyLastRow();
        renumber();
        updateTotals();
        say(texts.removed);
        const next = rows[Math.min(index, rows.length - 1)];
        next.cells[fields()[0]].input.focus();
        scheduleValidation();
    }

    // ---------- Keyboard ----------

    function position(element) {
        const tr = element.closest('tr');
        const row = rows.find(r => r.element === tr);
        return row ? { row, rowIndex: rows.indexOf(row), column: fields().indexOf(element.dataset.field) } : null;
    }

    function focusCell(rowIndex, column) {
        if (rowIndex >= rows.length) {
            ensureEmptyLastRow();
        }
        const row = rows[Math.max(0, Math.min(rowIndex, rows.length - 1))];
        const input = row.cells[fields()[Math.max(0, Math.min(column, fields().length - 1))]].input;
        input.focus();
        if (input.select && input.tagName === 'INPUT') {
            input.select();
        }
    }

    body.addEventListener('keydown', event => {
        const at = position(event.target);
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            save();
            return;
        }
        if (!at || at.column < 0) {
            return;
        }
        const last = fields().length - 1;
        const isText = event.target.tagName === 'INPUT';
        const caretAtStart = isText && event.target.selectionStart === 0 && event.target.selectionEnd === 0;
        const caretAtEnd = isText && event.target.selectionStart === event.target.value.length
            && event.target.selectionEnd === event.target.value.length;
        if (event.key === 'Enter' && !event.altKey) {
            event.preventDefault();
            if (event.shiftKey) {
                at.column > 0 ? focusCell(at.rowIndex, at.column - 1) : focusCell(at.rowIndex - 1, last);
            } else {
                at.column < last ? focusCell(at.rowIndex, at.column + 1) : focusCell(at.rowIndex + 1, 0);
            }
        } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && (isText || event.ctrlKey) && !event.altKey) {
            event.preventDefault();
            focusCell(at.rowIndex + (event.key === 'ArrowDown' ? 1 : -1), at.column);
        } else if (event.key === 'ArrowRight' && caretAtEnd && at.column < last) {
            event.preventDefault();
            focusCell(at.rowIndex, at.column + 1);
        } else if (event.key === 'ArrowLeft' && caretAtStart && at.column > 0) {
            event.preventDefault();
            focusCell(at.rowIndex, at.column - 1);
        } else if (event.key === 'Delete' && event.ctrlKey) {
            event.preventDefault();
            removeRow(at.row);
        }
    });

    root.querySelector('[data-action="add"]').addEventListener('click', () => {
        ensureEmptyLastRow();
        focusCell(rows.length - 1, 0);
    });
    saveButton.addEventListener('click', save);
    window.addEventListener('beforeunload', event => {
        if (dirty) {
            event.preventDefault();
            event.returnValue = '';
        }
    });

    // ---------- Totals ----------

    function updateTotals() {
        const seconds = new Map();
        const add = (worker, date, value) => {
            const key = `${worker}|${date}`;
            seconds.set(key, (seconds.get(key) ?? 0) + value);
        };
        for (const other of data.elsewhere) {
            add(other.workerId, other.date, other.seconds);
        }
        for (const row of rows) {
            const value = row.id && row.duration === row.shownDuration ? row.seconds : durationSeconds(row.duration);
            if (value > 0 && !isEmpty(row)) {
                const workers = new Set([team() ? row.workerId : data.workerId, ...row.otherWorkerIds]);
                workers.forEach(worker => worker && add(worker, row.onDate, value));
            }
        }
        const shownWorkers = data.workers.filter(w =>
            !team() || data.days.some(d => seconds.has(`${w.id}|${d.date}`)));
        totalsBody.replaceChildren(...shownWorkers.map(worker => {
            const tr = document.createElement('tr');
            const th = document.createElement('th');
            th.scope = 'row';
            th.textContent = worker.label;
            tr.append(th);
            let week = 0;
            for (const day of data.days) {
                const value = seconds.get(`${worker.id}|${day.date}`) ?? 0;
                week += value;
                const td = document.createElement('td');
                td.className = 'num';
                td.textContent = value ? hoursFormat.format(value / 3600) : '';
                if (value > data.limitSeconds) {
                    td.classList.add('over-limit');
                    const warning = document.createElement('strong');
                    warning.textContent = ` ⚠ ${texts.overLimit}`;
                    td.append(warning);
                }
                tr.append(td);
            }
            const total = document.createElement('td');
            total.className = 'num';
            total.textContent = hoursFormat.format(week / 3600);
            tr.append(total);
            return tr;
        }));
    }

    // ---------- Talking to the server ----------

    function say(text) {
        status.textContent = text;
    }

    async function post(url) {
        return fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: token },
            body: JSON.stringify({ rows: rows.map(toJson), removed }),
        });
    }

    function scheduleValidation() {
        clearTimeout(validation.timer);
        validation.timer = setTimeout(validate, 500);
    }

    async function validate() {
        const sequence = ++validation.sequence;
        let response;
        try {
            response = await post(urls.validate);
        } catch {
            return;
        }
        if (sequence !== validation.sequence || (response.status !== 200 && response.status !== 400)) {
            return;
        }
        const result = await response.json();
        applyServerErrors(result.errors ?? {});
    }

    function applyServerErrors(errors) {
        rows.forEach(row => {
            row.serverErrors = {};
        });
        const elsewhere = [];
        for (const [key, messages] of Object.entries(errors)) {
            const match = /^rows\[(\d+)\](?:\.(\w+))?$/.exec(key);
            const row = match && rows[Number(match[1])];
            if (row) {
                row.serverErrors[match[2] ?? ''] = messages.join(' ');
            } else {
                elsewhere.push(...messages);
            }
        }
        rows.forEach(showErrors);
        return elsewhere;
    }

    function problemCount() {
        return rows.reduce((count, row) => count + fields().filter(f => row.cells[f].error.textContent).length, 0);
    }

    function focusFirstProblem() {
        const first = body.querySelector('[aria-invalid="true"]');
        first?.focus();
    }

    async function save() {
        clearTimeout(validation.timer);
        validation.sequence++;
        submitted = true;
        rows.forEach(row => {
            for (const field of fields()) {
                row.clientErrors[field] = formatProblem(row, field);
            }
            showErrors(row);
        });
        if (rows.some(row => !isEmpty(row) && Object.values(row.clientErrors).some(Boolean))) {
            say(format(texts.problems, problemCount()));
            focusFirstProblem();
            return;
        }
        saveButton.disabled = true;
        say(texts.saving);
        let response;
        try {
            response = await post(urls.save);
        } catch {
            saveButton.disabled = false;
            say(texts.offline);
            return;
        }
        saveButton.disabled = false;
        let result = {};
        try {
            result = await response.json();
        } catch {
            // An answer without a body: only the status tells.
        }
        if (response.ok) {
            load(result.data);
            say(format(texts.saved, result.saved));
            focusCell(rows.length - 1, 0);
            return;
        }
        if (response.status === 400) {
            const other = applyServerErrors(result.errors ?? {});
            say([format(texts.problems, problemCount() || other.length), ...other].join(' '));
            focusFirstProblem();
            return;
        }
        say(result.title ?? texts.offline);
    }

    load(initial);
    focusCell(rows.length - 1, 0);
}
