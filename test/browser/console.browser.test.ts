import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startConsole, type RunningConsole } from '../../console/bff/server';
import { startTestHub, type TestHub } from '../harness';

/**
 * The PSAD coordinator's journey in a real browser (Debian's Chromium, headless) against the real
 * stack behind the console's BFF: sign in as a coordinator of 38-GRE, open a listed person, record a
 * contact, move the case, reserve a suggested place — each seen in the trajectory; a write conflict;
 * axe-core on every screen (no serious or critical violation); no CSP violation; the session cookie
 * out of the page's reach. Waits are on elements, never on time. The console sends its operations by
 * their trusted-document id (an unregistered one would fail with PERSISTED_QUERY_NOT_FOUND).
 */
jest.setTimeout(300_000);

const ROOT = resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BASSIN = '38-GRE';
const ORG = `PSAD-${BASSIN}`;

let hub: TestHub;
let web: RunningConsole;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let built: string;
const cspViolations: string[] = [];

interface Subject {
  id: string;
  name: string;
  caseId: string;
  offerTitle: string;
}
let subject: Subject;

beforeAll(async () => {
  built = mkdtempSync(join(tmpdir(), 'console-build-'));
  const build = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(ROOT, 'console/vite.config.mts'),
      '--outDir',
      built,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  hub = await startTestHub();
  web = await startConsole({
    gatewayUrl: hub.stack.gateway.url,
    port: 0,
    production: false,
    developmentIssuerKey: hub.keys.issuer.privateKey,
    staticDirectory: built,
  });
  subject = await findSubject();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  // Another time zone than Paris: the console shows Paris time whatever the browser's zone.
  context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'America/New_York',
    viewport: { width: 1280, height: 900 },
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspViolations.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await hub?.stop();
  if (built) rmSync(built, { recursive: true, force: true });
});

/** A person of 38-GRE with a case to contact and a suggested offer with a free place. */
async function findSubject(): Promise<Subject> {
  const token = await hub.tokenFor({ territories: [BASSIN], org: ORG });
  const answer = await hub.query(
    `query($after: String) { youngs(filter: { territory: "${BASSIN}", caseStatus: TO_CONTACT }, first: 50, after: $after) {
       nodes { id firstName lastName psadCases { id status closedOn }
         suggestedOffers(first: 5) { offer { partner title vacancies } } }
       pageInfo { hasNextPage endCursor } } }`,
    {},
    { token },
  );
  for (const young of answer.data!.youngs.nodes) {
    const open = young.psadCases.find((c: any) => c.status === 'TO_CONTACT' && !c.closedOn);
    const offer = (young.suggestedOffers ?? []).find(
      (s: any) => s.offer.vacancies > 0 && !['PSAD', 'PJJ'].includes(s.offer.partner),
    );
    if (open && young.psadCases.length === 1 && offer && young.suggestedOffers[0] === offer)
      return {
        id: young.id,
        name: `${young.lastName} ${young.firstName}`,
        caseId: open.id,
        offerTitle: offer.offer.title,
      };
  }
  throw new Error('The test demo has no person of 38-GRE to contact with a suggested offer');
}

/** axe-core on the page as it stands: no serious or critical violation (RGAA's bar, WCAG 2.1 AA). */
async function expectAccessible(screen: string): Promise<void> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline script) does not apply to it.
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  const blocking = violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical');
  expect({ screen, blocking }).toEqual({ screen, blocking: [] });
}

const trajectory = () => page.getByTestId('trajectory');
/** A form field by the start of its label (DSFR puts the hint inside the label). */
const field = (label: string) =>
  page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)).first();

describe('the console, as a PSAD coordinator of 38-GRE uses it', () => {
  it('asks who you are, then shows the caseload of the perimeter', async () => {
    await page.goto(web.url);
    await page.getByRole('heading', { name: 'Connexion de développement' }).waitFor();
    await expectAccessible('connexion');

    await field('Rôle').selectOption('psad-coordinator');
    await field('Bassin').selectOption(BASSIN);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Jeunes suivis' }).waitFor();
    await page.getByTestId('caseload-count').waitFor();
    await expect(page.getByTestId('caller').first().textContent()).resolves.toContain(ORG);
    expect(await page.getByTestId('caseload-count').textContent()).toMatch(/\d+ jeunes? — page 1/);
    await expectAccessible('jeunes');
    if (process.env.CONSOLE_SCREENSHOTS === '1')
      await page.screenshot({ path: join(ROOT, 'docs/console-caseload.png') });
  });

  it('keeps the session out of the page: an httpOnly, SameSite=Strict cookie, no token stored', async () => {
    const cookies = await context.cookies();
    expect(cookies).toEqual([
      expect.objectContaining({ name: 'console-session', httpOnly: true, sameSite: 'Strict' }),
    ]);
    const visible = await page.evaluate(() => ({
      cookie: document.cookie,
      stored: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    }));
    expect(visible.cookie).not.toContain('console-session');
    expect(visible.stored).not.toMatch(/eyJ/);
  });

  it('finds the person by name and opens their page', async () => {
    await field('Nom').fill(subject.name.split(' ')[0]);
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByRole('link', { name: subject.name }).first().click();
    await page
      .getByRole('heading', { level: 1, name: subject.name.split(' ').reverse().join(' ') })
      .waitFor();
    await trajectory().waitFor();
    await page.getByTestId('suggestions').getByRole('listitem').first().waitFor();
    await expectAccessible('jeune');
  });

  it('records a contact attempt, seen in the case and the trajectory', async () => {
    await field('Note (gardée par la PSAD, jamais partagée)').fill('Joint sur son portable');
    await page.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await page.getByText('La prise de contact est enregistrée.').waitFor();
    await trajectory().getByText('Prise de contact par téléphone : joint(e)').waitFor();
    await page.getByTestId('contacts').getByText('Téléphone : Joint(e)').waitFor();
  });

  it('offers only the allowed next steps, and moves the case', async () => {
    const options = await field('Nouveau statut').locator('option').allTextContents();
    expect(options).toEqual(['Contacté(e)', 'Injoignable', 'Refus', 'A déménagé', 'Déjà en formation']);
    await field('Nouveau statut').selectOption({ label: 'Contacté(e)' });
    await field('Motif').fill('Joint par téléphone');
    await page.getByRole('button', { name: 'Changer le statut' }).click();
    await page.getByText('Le dossier est passé à « Contacté(e) ».').waitFor();
    await page.getByTestId('case-status').getByText('Contacté(e)').waitFor();
    await trajectory().getByText('Dossier PSAD passé de « à contacter » à « contacté(e) »').waitFor();
  });

  it('reserves a suggested place, seen in the reservations and the trajectory', async () => {
    await page
      .getByRole('button', { name: `Réserver une place : ${subject.offerTitle}` })
      .first()
      .click();
    await page.getByText(`Une place est réservée : ${subject.offerTitle}.`).waitFor();
    await page.getByTestId('reservations').getByText(subject.offerTitle).first().waitFor();
    await trajectory()
      .getByText(`Place réservée : ${subject.offerTitle}`, { exact: false })
      .first()
      .waitFor();
    await expectAccessible('jeune, après les actions');
    if (process.env.CONSOLE_SCREENSHOTS === '1')
      await page.screenshot({ path: join(ROOT, 'docs/console-person.png'), fullPage: true });
  });

  it('tells of a change made meanwhile by someone else, reloads, and lets the coordinator retry', async () => {
    // Someone else moves the case while the page still shows version N.
    const token = await hub.tokenFor({ territories: [BASSIN], org: ORG });
    const moved = await hub.query(
      `query($id: ID!) { young(id: $id) { psadCases { id version } } }`,
      { id: subject.id },
      { token },
    );
    const version = moved.data!.young.psadCases.find((c: any) => c.id === subject.caseId).version;
    const other = await hub.query(
      `mutation($input: TransitionPsadCaseInput!) { transitionPsadCase(input: $input) { version } }`,
      {
        input: {
          youngId: subject.id,
          caseId: subject.caseId,
          to: 'REVIEW_DONE',
          reason: 'Bilan fait',
          expectedVersion: version,
        },
      },
      { token },
    );
    expect(other.errors).toBeUndefined();

    await field('Nouveau statut').selectOption({ label: 'Bilan réalisé' });
    await field('Motif').fill('Bilan de positionnement');
    await page.getByRole('button', { name: 'Changer le statut' }).click();
    await page.getByText('Le dossier a changé entre-temps').waitFor();
    await page.getByTestId('case-status').getByText('Bilan réalisé').waitFor();
    const options = await field('Nouveau statut').locator('option').allTextContents();
    expect(options[0]).toBe('Solution proposée');
  });

  it('ran without a single Content-Security-Policy violation', () => {
    expect(cspViolations).toEqual([]);
  });
});

describe('the BFF refuses what a browser of another site could send', () => {
  it('refuses a GraphQL POST without the CSRF token, even with the session cookie', async () => {
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ youngs(first: 1) { totalCount } }' }),
      });
      return response.status;
    });
    expect(status).toBe(403);
  });

  it('refuses a sign-in from another origin', async () => {
    const response = await fetch(new URL('/api/session/development', web.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ role: 'psad-coordinator', territories: [BASSIN] }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('serves every page with a CSP that allows no inline script', async () => {
    const response = await fetch(new URL('/jeunes', web.url));
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
