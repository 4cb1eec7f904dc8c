/** Tests of folders.ts: the Folder select's order and indentation. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { folderChoices } from './folders';

test('the Inbox first, then folders depth first, siblings by name', () => {
  const choices = folderChoices([
    { id: 1, name: 'Politics', path: 'Politics', parent_id: null },
    { id: 3, name: 'Economy', path: 'Economy', parent_id: null },
    { id: 2, name: 'Korea', path: 'Politics/Korea', parent_id: 1 },
    { id: 4, name: 'Japan', path: 'Politics/Japan', parent_id: 1 },
    { id: 5, name: 'Polls', path: 'Politics/Korea/Polls', parent_id: 2 },
  ]);
  assert.deepEqual(
    choices.map((c) => [c.path, c.depth]),
    [['', 0], ['Economy', 0], ['Politics', 0], ['Politics/Japan', 1], ['Politics/Korea', 1], ['Politics/Korea/Polls', 2]],
  );
  assert.equal(choices[0].label, 'Inbox');
});

test('a folder whose parent is missing is shown at the top level', () => {
  const choices = folderChoices([{ id: 7, name: 'Lost', path: 'Gone/Lost', parent_id: 99 }]);
  assert.deepEqual(choices.map((c) => [c.path, c.depth]), [['', 0], ['Gone/Lost', 0]]);
});
