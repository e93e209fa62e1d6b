import { validateBoards, type BoardConfig, type WallConfigSlot } from '@futian/shared';
import { configFileError, readJsonFile } from '../platform/json-file.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Board and enterprise configuration for the structure module. Boards are
 * configuration by design: the documents never name the six "六新" boards, so a
 * deployment edits config/boards.json and the wall shows
 * "示例配置" while the shipped example is in use.
 */
export function loadWallConfig(boardsFile: string, enterprisesFile: string): WallConfigSlot {
  const boards = readJsonFile(boardsFile);
  // validateBoards checks the content; the shape is checked here so that a file
  // of the wrong shape is named, not a TypeError from inside the check.
  if (!isObject(boards) || !Array.isArray(boards.boards)) throw configFileError(boardsFile, 'expected an object with a "boards" array');
  if (!boards.boards.every((b) => isObject(b) && Array.isArray(b.sectors))) {
    throw configFileError(boardsFile, 'every board needs an object with a "sectors" array');
  }
  const errors = validateBoards(boards as unknown as BoardConfig);
  if (errors.length > 0) throw configFileError(boardsFile, errors.join('; '));
  const enterprises = readJsonFile(enterprisesFile);
  if (!isObject(enterprises) || !Array.isArray(enterprises.enterprises)) {
    throw configFileError(enterprisesFile, 'expected an object with an "enterprises" array');
  }
  return { boards: boards as unknown as BoardConfig, enterprises: enterprises as unknown as WallConfigSlot['enterprises'] };
}
