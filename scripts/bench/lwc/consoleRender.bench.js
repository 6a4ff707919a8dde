/* global performance */
import { createElement } from 'lwc';
import RaciMatrix from 'c/raciMatrix';
import RiskHeatMap from 'c/riskHeatMap';
import { graphql } from 'lightning/graphql';

const fs = require('fs');

// A seeded PRNG (mulberry32): the same data on every run.
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const id = (prefix, n) => `${prefix}${String(n).padStart(12, '0')}AAA`;

function raciResponse(areas, people) {
  const random = seeded(areas * 31 + people);
  const person = (n) => ({ Name: { value: `Person ${n}` }, IsActive: { value: n % 25 !== 0 } });
  const edges = Array.from({ length: areas }, (_, a) => {
    const rows = 3 + Math.floor(random() * 6);
    return {
      node: {
        Id: id('a01', a),
        Name: { value: `Area ${String(a).padStart(3, '0')}` },
        Area_Key__c: { value: `AREA.${a}` },
        Category__c: { value: a % 2 ? 'Platform Security' : 'Revenue Process' },
        Lead__c: { value: ['IT', 'SalesOps', 'Joint'][a % 3] },
        Review_Overdue__c: { value: a % 7 === 0 },
        Accountable__c: { value: id('005', a % people) },
        Accountable__r: person(a % people),
        RACI_Assignments__r: {
          edges: Array.from({ length: rows }, (__, r) => {
            const who = Math.floor(random() * people);
            return {
              node: {
                Id: id('a02', a * 10 + r),
                Role__c: { value: ['Responsible', 'Consulted', 'Informed'][r % 3] },
                Assignee__c: { value: id('005', who) },
                Assignee__r: person(who)
              }
            };
          })
        }
      }
    };
  });
  return { uiapi: { query: { Governance_Area__c: { edges, pageInfo: { hasNextPage: false, endCursor: null } } } } };
}

function risksResponse(count) {
  const random = seeded(count);
  const score = () => 1 + Math.floor(random() * 5);
  const edges = Array.from({ length: count }, (_, i) => ({
    node: {
      Id: id('a03', i),
      Inherent_Likelihood__c: { value: score() },
      Inherent_Impact__c: { value: score() },
      Residual_Likelihood__c: { value: score() },
      Residual_Impact__c: { value: score() }
    }
  }));
  return { uiapi: { query: { Risk__c: { edges, pageInfo: { hasNextPage: false, endCursor: null }, totalCount: count } } } };
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
  }
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] };
}

async function measure(repetitions, task) {
  const samples = [];
  for (let i = 0; i < repetitions + 3; i++) {
    const elapsed = await task();
    if (i >= 3) samples.push(elapsed);
  }
  return stats(samples);
}

function clear() {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
}

const elementCount = (element) => element.shadowRoot.querySelectorAll('*').length;
const results = [];

describe('console render benchmark', () => {
  afterEach(clear);

  it.each([
    [100, 60],
    [300, 60]
  ])('RACI matrix: %i areas x %i people', async (areas, people) => {
    const data = raciResponse(areas, people);
    let element;
    const firstRender = await measure(15, async () => {
      clear();
      element = createElement('c-raci-matrix', { is: RaciMatrix });
      document.body.appendChild(element);
      const started = performance.now();
      graphql.emit(data);
      await settle();
      return performance.now() - started;
    });
    const cells = element.shadowRoot.querySelectorAll('tbody td').length;
    const domElements = elementCount(element);
    expect(cells).toBeGreaterThan(0);
    const nextPage = await measure(15, async () => {
      const next = element.shadowRoot.querySelector('lightning-button.next');
      const started = performance.now();
      if (next.disabled) {
        element.shadowRoot.querySelector('lightning-button.previous').click();
      } else {
        next.click();
      }
      await settle();
      return performance.now() - started;
    });
    const leadFilter = await measure(15, async () => {
      // The filters are a child component with a shadow root of its own.
      const lead = element.shadowRoot.querySelector('c-raci-matrix-filters').shadowRoot.querySelector('lightning-combobox.lead');
      const started = performance.now();
      lead.dispatchEvent(new CustomEvent('change', { detail: { value: lead.value === 'IT' ? 'All' : 'IT' } }));
      await settle();
      return performance.now() - started;
    });
    const myAreas = await measure(15, async () => {
      const toggle = element.shadowRoot.querySelector('c-raci-matrix-filters').shadowRoot.querySelector('lightning-input.my-areas');
      toggle.checked = !toggle.checked;
      const started = performance.now();
      toggle.dispatchEvent(new CustomEvent('change'));
      await settle();
      return performance.now() - started;
    });
    results.push({
      component: 'raciMatrix',
      scenario: `${areas} areas × ${people} people`,
      firstRender,
      interactions: { nextPage, leadFilter, myAreas },
      domElements,
      cells
    });
  });

  it.each([1000, 5000])('risk heat map: %i risks', async (count) => {
    const data = risksResponse(count);
    let element;
    const firstRender = await measure(15, async () => {
      clear();
      element = createElement('c-risk-heat-map', { is: RiskHeatMap });
      document.body.appendChild(element);
      const started = performance.now();
      graphql.emit(data);
      await settle();
      return performance.now() - started;
    });
    expect(element.shadowRoot.querySelectorAll('button[data-likelihood]').length).toBe(25);
    const domElements = elementCount(element);
    const toggle = await measure(15, async () => {
      const group = element.shadowRoot.querySelector('lightning-radio-group');
      const started = performance.now();
      group.dispatchEvent(new CustomEvent('change', { detail: { value: group.value === 'inherent' ? 'residual' : 'inherent' } }));
      await settle();
      return performance.now() - started;
    });
    const cellClick = await measure(15, async () => {
      const started = performance.now();
      element.shadowRoot.querySelector('button[data-likelihood="3"][data-impact="4"]').click();
      await settle();
      return performance.now() - started;
    });
    results.push({ component: 'riskHeatMap', scenario: `${count} risks`, firstRender, interactions: { toggle, cellClick }, domElements });
  });

  afterAll(() => {
    fs.writeFileSync(process.env.BENCH_OUT || 'lwc-bench.json', JSON.stringify(results, null, 2));
  });
});
