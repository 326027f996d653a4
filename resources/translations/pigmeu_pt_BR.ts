<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About %1</source>
        <translation>Sobre o %1</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Pasta de dados</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Pasta de logs</translation>
    </message>
    <message>
        <source>Settings folder</source>
        <translation>Pasta de configurações</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Browser automation</source>
        <translation>Automação do navegador</translation>
    </message>
    <message>
        <source>Amazon book links → review drafts → WordPress.</source>
        <translation>Links de livros da Amazon → rascunhos de resenhas → WordPress.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy these facts, to paste in a message to support</source>
        <translation>Copiar estas informações para colar numa mensagem ao suporte</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>Abrir a pasta de dados</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Abrir a pasta de logs</translation>
    </message>
</context>
<context>
    <name>AppMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <source>Export backup…</source>
        <translation>Exportar backup…</translation>
    </message>
    <message>
        <source>Save the queue, drafts, revisions, history, prompts and settings in one file (no passwords or keys)</source>
        <translation>Salvar a fila, os rascunhos, as revisões, o histórico, os prompts e as configurações num só arquivo (sem senhas nem chaves)</translation>
    </message>
    <message>
        <source>Import backup…</source>
        <translation>Importar backup…</translation>
    </message>
    <message>
        <source>Merge a backup file into this queue; for items in both, the newer revisions are kept</source>
        <translation>Juntar um arquivo de backup a esta fila; nos itens que estão nos dois, ficam as revisões mais novas</translation>
    </message>
    <message>
        <source>Set up the browser…</source>
        <translation>Configurar o navegador…</translation>
    </message>
    <message>
        <source>Download Chromium or choose the Chrome or Edge used to read Amazon pages</source>
        <translation>Baixar o Chromium ou escolher o Chrome ou Edge usado para ler as páginas da Amazon</translation>
    </message>
    <message>
        <source>About Pigmeu…</source>
        <translation>Sobre o Pigmeu…</translation>
    </message>
    <message>
        <source>Version, data and log folders, and the versions of the parts</source>
        <translation>Versão, pastas de dados e de logs, e as versões dos componentes</translation>
    </message>
    <message>
        <source>Export backup</source>
        <translation>Exportar backup</translation>
    </message>
    <message>
        <source>Backup (*.json)</source>
        <translation>Backup (*.json)</translation>
    </message>
    <message>
        <source>Import backup</source>
        <translation>Importar backup</translation>
    </message>
    <message>
        <source>Backup (*.json);;All files (*)</source>
        <translation>Backup (*.json);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n item(s) to %1</source>
        <translation>
            <numerusform>%n item exportado para %1</numerusform>
            <numerusform>%n itens exportados para %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message numerus="yes">
        <source>%n new item(s) added</source>
        <translation>
            <numerusform>%n item novo adicionado</numerusform>
            <numerusform>%n itens novos adicionados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) updated with newer revisions from the file</source>
        <translation>
            <numerusform>%n item atualizado com revisões mais novas do arquivo</numerusform>
            <numerusform>%n itens atualizados com revisões mais novas do arquivo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) kept: this queue had the same or newer revisions</source>
        <translation>
            <numerusform>%n item mantido: esta fila tinha revisões iguais ou mais novas</numerusform>
            <numerusform>%n itens mantidos: esta fila tinha revisões iguais ou mais novas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left alone: they changed while importing</source>
        <translation>
            <numerusform>%n item deixado como estava: mudou durante a importação</numerusform>
            <numerusform>%n itens deixados como estavam: mudaram durante a importação</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n history entries, %1 prompts or schemas, %2 settings</source>
        <translation>
            <numerusform>%n entrada de histórico, %1 prompts ou esquemas, %2 configurações</numerusform>
            <numerusform>%n entradas de histórico, %1 prompts ou esquemas, %2 configurações</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup imported</source>
        <translation>Backup importado</translation>
    </message>
    <message>
        <source>Imported %1:</source>
        <translation>%1 importado:</translation>
    </message>
</context>
<context>
    <name>BookNotices</name>
    <message>
        <source>authors</source>
        <translation>autores</translation>
    </message>
    <message>
        <source>ISBN or ASIN</source>
        <translation>ISBN ou ASIN</translation>
    </message>
    <message>
        <source>publisher</source>
        <translation>editora</translation>
    </message>
    <message>
        <source>publication date</source>
        <translation>data de publicação</translation>
    </message>
    <message>
        <source>Another product</source>
        <translation>Outro produto</translation>
    </message>
    <message>
        <source>The link asked for %1, but Amazon served %2 (another edition?). Check the data before approving.</source>
        <translation>O link pedia %1, mas a Amazon mostrou %2 (outra edição?). Confira os dados antes de aprovar.</translation>
    </message>
    <message>
        <source>Incomplete: missing %1</source>
        <translation>Incompleto: faltam %1</translation>
    </message>
    <message>
        <source>Page kept for a report:</source>
        <translation>Página guardada para um relatório:</translation>
    </message>
    <message>
        <source>Page ASIN</source>
        <translation>ASIN da página</translation>
    </message>
</context>
<context>
    <name>BrowserSection</name>
    <message>
        <source>The browser arguments have an unclosed quote.</source>
        <translation>Os argumentos do navegador têm uma aspa sem fechar.</translation>
    </message>
    <message>
        <source>&amp;Browser:</source>
        <translation>&amp;Navegador:</translation>
    </message>
    <message>
        <source>Browser &amp;arguments:</source>
        <translation>&amp;Argumentos do navegador:</translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation>Pro&amp;xy:</translation>
    </message>
    <message>
        <source>Minimum &amp;delay:</source>
        <translation>Intervalo &amp;mínimo:</translation>
    </message>
    <message>
        <source>Page time&amp;out:</source>
        <translation>Tempo &amp;limite da página:</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>Prioridade:</translation>
    </message>
    <message>
        <source>Book data:</source>
        <translation>Dados do livro:</translation>
    </message>
    <message>
        <source>Empty: find Chromium, Chrome or Edge automatically</source>
        <translation>Vazio: encontrar Chromium, Chrome ou Edge automaticamente</translation>
    </message>
    <message>
        <source>e.g. --lang=pt-BR --window-size=1280,800</source>
        <translation>ex.: --lang=pt-BR --window-size=1280,800</translation>
    </message>
    <message>
        <source>Extra command-line arguments for the browser, split like a shell does (quote values with spaces). Do not add a second --disable-features: it replaces the one Playwright passes and breaks it.</source>
        <translation>Argumentos extras de linha de comando para o navegador, separados como num shell (use aspas em valores com espaços). Não acrescente um segundo --disable-features: ele substitui o que o Playwright passa e o quebra.</translation>
    </message>
    <message>
        <source>s</source>
        <comment>seconds</comment>
        <translation>s</translation>
    </message>
    <message>
        <source>Seconds to wait between two pages of the same Amazon store. Shorter waits bring captchas.</source>
        <translation>Segundos de espera entre duas páginas da mesma loja da Amazon. Esperas menores trazem captchas.</translation>
    </message>
    <message>
        <source>Seconds before a page that has not loaded counts as a timeout.</source>
        <translation>Segundos até uma página que não carregou contar como tempo esgotado.</translation>
    </message>
    <message>
        <source>Run the browser at &amp;low priority</source>
        <translation>Executar o navegador com &amp;baixa prioridade</translation>
    </message>
    <message>
        <source>Keeps this window smooth while pages load. Turn it off if pages load slowly while other programs keep the computer busy.</source>
        <translation>Mantém esta janela fluida enquanto as páginas carregam. Desative se as páginas demorarem a carregar enquanto outros programas ocupam o computador.</translation>
    </message>
    <message>
        <source>&amp;Fill missing fields from Open Library / Google Books</source>
        <translation>&amp;Preencher campos ausentes com Open Library / Google Books</translation>
    </message>
    <message>
        <source>Only the ISBN is sent to these public services, and only when the Amazon page lacks a field.</source>
        <translation>Só o ISBN é enviado a esses serviços públicos, e só quando falta algum campo na página da Amazon.</translation>
    </message>
</context>
<context>
    <name>BrowserSetupDialog</name>
    <message>
        <source>Choose Chrome, Edge or Chromium</source>
        <translation>Escolha o Chrome, o Edge ou o Chromium</translation>
    </message>
    <message>
        <source>A browser is needed</source>
        <translation>É preciso um navegador</translation>
    </message>
    <message>
        <source>Pigmeu reads Amazon&apos;s book pages in a browser of the Chromium family (Chromium, Google Chrome or Microsoft Edge), and none was found on this computer.

You can download Chromium now (about 170 MB, only once), or choose a Chrome or Edge that is already installed. Until then you can add links and write drafts, but not read pages from Amazon.</source>
        <translation>O Pigmeu lê as páginas de livros da Amazon num navegador da família Chromium (Chromium, Google Chrome ou Microsoft Edge), e nenhum foi encontrado neste computador.

Você pode baixar o Chromium agora (cerca de 170 MB, só uma vez) ou escolher um Chrome ou Edge já instalado. Até lá, você pode adicionar links e escrever rascunhos, mas não ler páginas da Amazon.</translation>
    </message>
    <message>
        <source>Download Chromium</source>
        <translation>Baixar o Chromium</translation>
    </message>
    <message>
        <source>Download Playwright&apos;s Chromium into your user folder</source>
        <translation>Baixar o Chromium do Playwright na sua pasta de usuário</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Cancelar o download</translation>
    </message>
    <message>
        <source>Choose a browser…</source>
        <translation>Escolher um navegador…</translation>
    </message>
    <message>
        <source>Point at an installed Chrome, Edge or Chromium</source>
        <translation>Indicar um Chrome, Edge ou Chromium instalado</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Depois</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Download cancelled. Nothing was installed.</source>
        <translation>Download cancelado. Nada foi instalado.</translation>
    </message>
    <message>
        <source>Chromium is ready.</source>
        <translation>O Chromium está pronto.</translation>
    </message>
    <message>
        <source>Downloading Chromium: %1% of %2</source>
        <translation>Baixando o Chromium: %1% de %2</translation>
    </message>
    <message>
        <source>Wait for the download to finish or cancel it</source>
        <translation>Espere o download terminar ou cancele-o</translation>
    </message>
    <message>
        <source>%1 is not a program this computer can run. Choose the browser&apos;s executable (chrome, msedge or chromium).</source>
        <translation>%1 não é um programa que este computador possa executar. Escolha o executável do navegador (chrome, msedge ou chromium).</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Draft changed elsewhere</source>
        <translation>Rascunho alterado em outro lugar</translation>
    </message>
    <message>
        <source>While you were editing, this draft was changed elsewhere (%1). Nothing is lost: both versions are kept in the revisions. Choose which text to continue with.</source>
        <translation>Enquanto você editava, este rascunho foi alterado em outro lugar (%1). Nada se perde: as duas versões ficam nas revisões. Escolha com qual texto continuar.</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Manter o meu</translation>
    </message>
    <message>
        <source>Save your text; theirs stays in the revision list</source>
        <translation>Salva o seu texto; o outro fica na lista de revisões</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Usar o deles</translation>
    </message>
    <message>
        <source>Load their text; yours stays in this dialog&apos;s history only if you merge</source>
        <translation>Carrega o texto deles; o seu só é aproveitado se você mesclar</translation>
    </message>
    <message>
        <source>Merge by hand</source>
        <translation>Mesclar à mão</translation>
    </message>
    <message>
        <source>Both texts in the editor: changes on one side are applied, clashes are marked for you to pick</source>
        <translation>Os dois textos no editor: mudanças de um só lado são aplicadas, choques ficam marcados para você escolher</translation>
    </message>
    <message>
        <source>Theirs (stored)</source>
        <translation>Deles (salvo)</translation>
    </message>
    <message>
        <source>Mine (in the editor)</source>
        <translation>Meu (no editor)</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Algo deu errado</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Detalhes do erro</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copiar detalhes</translation>
    </message>
    <message>
        <source>Copy the error and versions, to paste in a message to support</source>
        <translation>Copiar o erro e as versões para colar numa mensagem ao suporte</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Abrir a pasta de logs</translation>
    </message>
    <message>
        <source>Pigmeu hit an unexpected error. Your saved work is safe: the queue and drafts are kept in the database. You can keep working; if something looks wrong, restart the app.</source>
        <translation>O Pigmeu encontrou um erro inesperado. Seu trabalho salvo está seguro: a fila e os rascunhos ficam no banco de dados. Você pode continuar trabalhando; se algo parecer errado, reinicie o aplicativo.</translation>
    </message>
    <message>
        <source>The full report is in the log file: %1</source>
        <translation>O relatório completo está no arquivo de log: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s) so far; the latest: %1</source>
        <translation>
            <numerusform>%n erro até agora; o último: %1</numerusform>
            <numerusform>%n erros até agora; o último: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Item details</source>
        <translation>Detalhes do item</translation>
    </message>
    <message>
        <source>Select an item to see what was read from Amazon and its draft.</source>
        <translation>Selecione um item para ver o que foi lido da Amazon e o rascunho.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>WordPress post</source>
        <translation>Post no WordPress</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Rascunho</translation>
    </message>
    <message>
        <source>Changed since publish</source>
        <translation>Alterado desde a publicação</translation>
    </message>
    <message>
        <source>approve it again to update the post</source>
        <translation>aprove de novo para atualizar o post</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>Autores</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Editora</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publicado</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>ISBN-13</source>
        <translation>ISBN-13</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preço</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Categorias</translation>
    </message>
    <message>
        <source>From the page, in the draft</source>
        <translation>Da página, na resenha</translation>
    </message>
    <message>
        <source>To check (not in the page data)</source>
        <translation>Para conferir (fora dos dados da página)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Histórico</translation>
    </message>
</context>
<context>
    <name>DiffPanes</name>
    <message>
        <source>No differences.</source>
        <translation>Sem diferenças.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>All set</source>
        <translation>Tudo pronto</translation>
    </message>
    <message>
        <source>Press Finish to save. Preferences go to the settings file; keys and passwords go to the system keyring only. Everything can be changed later in Settings, and `pigmeu doctor` checks the whole set-up.</source>
        <translation>Clique em Concluir para salvar. As preferências vão para o arquivo de configurações; chaves e senhas vão apenas para o chaveiro do sistema. Tudo pode ser alterado depois em Configurações, e `pigmeu doctor` verifica toda a configuração.</translation>
    </message>
</context>
<context>
    <name>DraftProvenance</name>
    <message>
        <source>Written by %1</source>
        <translation>Escrito por %1</translation>
    </message>
    <message>
        <source>prompt %1 v%2</source>
        <translation>prompt %1 v%2</translation>
    </message>
    <message>
        <source>schema %1 v%2</source>
        <translation>esquema %1 v%2</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation>Localizar</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Substituir por</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Próximo</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Substituir</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>Substituir tudo</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Não encontrado</translation>
    </message>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation>
            <numerusform>%n substituído</numerusform>
            <numerusform>%n substituídos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Welcome</source>
        <translation>Boas-vindas</translation>
    </message>
    <message>
        <source>Choose the interface language and the Amazon store your links usually come from.</source>
        <translation>Escolha o idioma da interface e a loja da Amazon de onde seus links costumam vir.</translation>
    </message>
    <message>
        <source>AI provider</source>
        <translation>Provedor de IA</translation>
    </message>
    <message>
        <source>The AI writes the first draft of each review. You can skip this and write drafts by hand.</source>
        <translation>A IA escreve o primeiro rascunho de cada resenha. Você pode pular esta etapa e escrever os rascunhos à mão.</translation>
    </message>
    <message>
        <source>WordPress</source>
        <translation>WordPress</translation>
    </message>
    <message>
        <source>Where approved reviews are published. Use an application password, never your login password.</source>
        <translation>Onde as resenhas aprovadas são publicadas. Use uma senha de aplicativo, nunca a sua senha de login.</translation>
    </message>
    <message>
        <source>Set up Pigmeu Copilot</source>
        <translation>Configurar o Pigmeu Copilot</translation>
    </message>
</context>
<context>
    <name>GeneralSection</name>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Default &amp;marketplace:</source>
        <translation>&amp;Loja padrão:</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Seu &amp;nome:</translation>
    </message>
    <message>
        <source>Used for bare ASINs and ISBNs pasted without a link.</source>
        <translation>Usada para ASINs e ISBNs colados sem link.</translation>
    </message>
    <message>
        <source>Recorded on the revisions you make</source>
        <translation>Registrado nas revisões que você fizer</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Added to the queue</source>
        <translation>Adicionado à fila</translation>
    </message>
    <message>
        <source>Book data read from Amazon</source>
        <translation>Dados do livro lidos da Amazon</translation>
    </message>
    <message>
        <source>Draft written</source>
        <translation>Rascunho escrito</translation>
    </message>
    <message>
        <source>Published to WordPress</source>
        <translation>Publicado no WordPress</translation>
    </message>
    <message>
        <source>Reading the Amazon page failed</source>
        <translation>A leitura da página da Amazon falhou</translation>
    </message>
    <message>
        <source>Drafting failed</source>
        <translation>A escrita do rascunho falhou</translation>
    </message>
    <message>
        <source>Publishing failed</source>
        <translation>A publicação falhou</translation>
    </message>
    <message>
        <source>Reading the Amazon page was stopped</source>
        <translation>A leitura da página da Amazon foi interrompida</translation>
    </message>
    <message>
        <source>Drafting was stopped</source>
        <translation>A escrita do rascunho foi interrompida</translation>
    </message>
    <message>
        <source>Publishing was stopped</source>
        <translation>A publicação foi interrompida</translation>
    </message>
    <message>
        <source>Retry of reading the Amazon page dropped: the item had moved on</source>
        <translation>Nova tentativa de ler a página da Amazon descartada: o item já tinha avançado</translation>
    </message>
    <message>
        <source>Retry of drafting dropped: the item had moved on</source>
        <translation>Nova tentativa de redação descartada: o item já tinha avançado</translation>
    </message>
    <message>
        <source>Retry of publishing dropped: the item had moved on</source>
        <translation>Nova tentativa de publicação descartada: o item já tinha avançado</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprovado</translation>
    </message>
    <message>
        <source>Retry requested</source>
        <translation>Nova tentativa pedida</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 por %2</translation>
    </message>
</context>
<context>
    <name>JobsSection</name>
    <message>
        <source>&amp;Scrapes at once:</source>
        <translation>&amp;Coletas ao mesmo tempo:</translation>
    </message>
    <message>
        <source>&amp;Drafts at once:</source>
        <translation>&amp;Rascunhos ao mesmo tempo:</translation>
    </message>
    <message>
        <source>&amp;Publishes at once:</source>
        <translation>&amp;Publicações ao mesmo tempo:</translation>
    </message>
    <message>
        <source>Review:</source>
        <translation>Revisão:</translation>
    </message>
    <message>
        <source>Amazon pages read at the same time. More is faster but uses more memory, and Amazon shows captchas sooner.</source>
        <translation>Páginas da Amazon lidas ao mesmo tempo. Mais é mais rápido, mas usa mais memória, e a Amazon mostra captchas mais cedo.</translation>
    </message>
    <message>
        <source>Reviews the AI writes at the same time (your provider may limit this).</source>
        <translation>Resenhas que a IA escreve ao mesmo tempo (seu provedor pode limitar isso).</translation>
    </message>
    <message>
        <source>Posts sent to WordPress at the same time.</source>
        <translation>Posts enviados ao WordPress ao mesmo tempo.</translation>
    </message>
    <message>
        <source>From %1 to %2.</source>
        <translation>De %1 a %2.</translation>
    </message>
    <message>
        <source>Steps &amp;run:</source>
        <translation>&amp;Onde as etapas rodam:</translation>
    </message>
    <message>
        <source>Here, on this computer</source>
        <translation>Aqui, neste computador</translation>
    </message>
    <message>
        <source>On the team&apos;s workers</source>
        <translation>Nos workers da equipe</translation>
    </message>
    <message>
        <source>In team mode, scraping, drafting and publishing can run on the team&apos;s worker machines (pigmeu worker) instead of this computer. Takes effect at the next start.</source>
        <translation>No modo equipe, a leitura das páginas, a redação e a publicação podem rodar nas máquinas de workers da equipe (pigmeu worker) em vez deste computador. Vale a partir da próxima inicialização.</translation>
    </message>
    <message>
        <source>Only in team mode (Settings → Team).</source>
        <translation>Só no modo equipe (Configurações → Equipe).</translation>
    </message>
    <message>
        <source>Send to WordPress as a draft &amp;without review</source>
        <translation>Enviar ao WordPress como rascunho &amp;sem revisão</translation>
    </message>
    <message>
        <source>Off (recommended): each review stops at “Draft ready” until you approve it here. On: as soon as the AI has written it, it goes to WordPress as a draft, never published; you review it there instead.</source>
        <translation>Desligado (recomendado): cada resenha para em “Rascunho pronto” até você aprová-la aqui. Ligado: assim que a IA a escreve, ela vai ao WordPress como rascunho, nunca publicada; você a revisa lá.</translation>
    </message>
</context>
<context>
    <name>LlmSection</name>
    <message>
        <source>Without a provider, drafts are skeletons you fill in by hand.</source>
        <translation>Sem provedor, os rascunhos são esqueletos que você preenche à mão.</translation>
    </message>
    <message>
        <source>The key comes from the environment variable %s.</source>
        <translation>A chave vem da variável de ambiente %s.</translation>
    </message>
    <message>
        <source>The system keyring is not available: the key cannot be saved.</source>
        <translation>O chaveiro do sistema não está disponível: a chave não pode ser salva.</translation>
    </message>
    <message>
        <source>A key is saved in the system keyring. Type a new one to replace it.</source>
        <translation>Há uma chave salva no chaveiro do sistema. Digite uma nova para substituí-la.</translation>
    </message>
    <message>
        <source>The key is kept in the system keyring, never in a file.</source>
        <translation>A chave fica no chaveiro do sistema, nunca em um arquivo.</translation>
    </message>
    <message>
        <source>Choose a provider first.</source>
        <translation>Escolha um provedor primeiro.</translation>
    </message>
    <message>
        <source>Enter the API key first.</source>
        <translation>Informe a chave de API primeiro.</translation>
    </message>
    <message>
        <source>Unknown fallback provider %1: use one of %2.</source>
        <translation>Provedor alternativo desconhecido %1: use um destes: %2.</translation>
    </message>
    <message>
        <source>None (skeleton drafts)</source>
        <translation>Nenhum (rascunhos esqueleto)</translation>
    </message>
    <message>
        <source>AI &amp;provider:</source>
        <translation>&amp;Provedor de IA:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modelo:</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>&amp;Endereço do servidor:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>&amp;Chave de API:</translation>
    </message>
    <message>
        <source>Empty for OpenAI; e.g. http://localhost:11434/v1 for Ollama</source>
        <translation>Vazio para a OpenAI; ex.: http://localhost:11434/v1 para o Ollama</translation>
    </message>
    <message>
        <source>Paste the key (leave empty to keep the saved one)</source>
        <translation>Cole a chave (deixe vazio para manter a salva)</translation>
    </message>
    <message>
        <source>&amp;Fallback providers:</source>
        <translation>Provedores &amp;alternativos:</translation>
    </message>
    <message>
        <source>Review &amp;language:</source>
        <translation>&amp;Idioma das resenhas:</translation>
    </message>
    <message>
        <source>e.g. groq, mistral</source>
        <translation>ex.: groq, mistral</translation>
    </message>
    <message>
        <source>Tried in this order when the main provider fails (only those with a key). Separate the names with commas.</source>
        <translation>Tentados nesta ordem quando o provedor principal falha (só os que têm chave). Separe os nomes com vírgulas.</translation>
    </message>
    <message>
        <source>Portuguese (Brazil)</source>
        <translation>Português (Brasil)</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglês</translation>
    </message>
    <message>
        <source>The language the AI writes reviews in.</source>
        <translation>O idioma em que a IA escreve as resenhas.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Drop Amazon links here, or paste them with Ctrl+V.
ASINs and ISBNs work too.</source>
        <translation>Solte links da Amazon aqui ou cole-os com Ctrl+V.
ASINs e ISBNs também funcionam.</translation>
    </message>
    <message>
        <source>Add links…</source>
        <translation>Adicionar links…</translation>
    </message>
    <message>
        <source>Type or paste Amazon links, ASINs or ISBNs</source>
        <translation>Digite ou cole links da Amazon, ASINs ou ISBNs</translation>
    </message>
    <message>
        <source>Paste links</source>
        <translation>Colar links</translation>
    </message>
    <message>
        <source>Add every link found in the clipboard</source>
        <translation>Adicionar todos os links encontrados na área de transferência</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Aprovar</translation>
    </message>
    <message>
        <source>Approve the draft for publishing</source>
        <translation>Aprovar o rascunho para publicação</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Remove the item from the queue (not from WordPress)</source>
        <translation>Remover o item da fila (não do WordPress)</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Configurações…</translation>
    </message>
    <message>
        <source>AI provider, WordPress site, marketplace and more</source>
        <translation>Provedor de IA, site WordPress, loja e mais</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Show only items in one state</source>
        <translation>Mostrar só os itens em um estado</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>Todos os itens</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Fila</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Tentar de novo</translation>
    </message>
    <message>
        <source>Run the failed or stopped step again</source>
        <translation>Executar de novo a etapa que falhou ou foi parada</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Stop the step running on this item</source>
        <translation>Parar a etapa em execução neste item</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>Parar tudo</translation>
    </message>
    <message>
        <source>Stop every running step and pause the queue; resume it to carry on</source>
        <translation>Para todas as etapas em andamento e pausa a fila; retome-a para continuar</translation>
    </message>
    <message>
        <source>Solve captcha…</source>
        <translation>Resolver captcha…</translation>
    </message>
    <message>
        <source>Open the page in a browser window to pass Amazon&apos;s bot check once</source>
        <translation>Abrir a página numa janela do navegador para passar uma vez pela verificação anti-robô da Amazon</translation>
    </message>
    <message>
        <source>Pause queue</source>
        <translation>Pausar fila</translation>
    </message>
    <message>
        <source>Start no new work; steps already running finish</source>
        <translation>Não iniciar trabalho novo; as etapas em andamento terminam</translation>
    </message>
    <message>
        <source>Close the window</source>
        <translation>Fechar a janela</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>Revisar…</translation>
    </message>
    <message>
        <source>Open the item in the editor: Amazon&apos;s data beside the draft (also Enter or double-click)</source>
        <translation>Abrir o item no editor: os dados da Amazon ao lado do rascunho (também Enter ou clique duplo)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
    <message>
        <source>Resume queue</source>
        <translation>Retomar fila</translation>
    </message>
    <message>
        <source>Start queued work again</source>
        <translation>Volta a iniciar o trabalho da fila</translation>
    </message>
    <message>
        <source>Background processing is off in this window</source>
        <translation>O processamento em segundo plano está desligado nesta janela</translation>
    </message>
    <message>
        <source>Select an item first</source>
        <translation>Selecione um item primeiro</translation>
    </message>
    <message>
        <source>Open the page in a browser window to pass Amazon&apos;s bot check once (Ctrl+Shift+C)</source>
        <translation>Abrir a página numa janela do navegador para passar uma vez pela verificação anti-robô da Amazon (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>The captcha window is already open</source>
        <translation>A janela do captcha já está aberta</translation>
    </message>
    <message>
        <source>Amazon has not asked for a bot check on this item&apos;s store</source>
        <translation>A Amazon não pediu verificação anti-robô na loja deste item</translation>
    </message>
    <message>
        <source>Add links</source>
        <translation>Adicionar links</translation>
    </message>
    <message>
        <source>Amazon links, ASINs or ISBNs (one or many, any separator):</source>
        <translation>Links da Amazon, ASINs ou ISBNs (um ou vários, qualquer separador):</translation>
    </message>
    <message>
        <source>Adding links…</source>
        <translation>Adicionando links…</translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) added</source>
        <translation>
            <numerusform>%n link adicionado</numerusform>
            <numerusform>%n links adicionados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already in the queue</source>
        <translation>
            <numerusform>, %n já na fila</numerusform>
            <numerusform>, %n já na fila</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n rejected</source>
        <translation>
            <numerusform>, %n recusado</numerusform>
            <numerusform>, %n recusados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n itens</numerusform>
        </translation>
    </message>
    <message>
        <source>No items</source>
        <translation>Nenhum item</translation>
    </message>
    <message>
        <source>Approved: %s</source>
        <translation>Aprovado: %s</translation>
    </message>
    <message>
        <source>Delete item</source>
        <translation>Excluir item</translation>
    </message>
    <message>
        <source>Remove “%s” from the queue? The WordPress post, if any, is kept.</source>
        <translation>Remover “%s” da fila? O post no WordPress, se houver, é mantido.</translation>
    </message>
    <message>
        <source>Trying again: %s</source>
        <translation>Tentando de novo: %s</translation>
    </message>
    <message>
        <source>Stopped. Press Retry (Ctrl+R) to start it again.</source>
        <translation>Parado. Use Tentar de novo (Ctrl+R) para recomeçar.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped %n step(s); the queue is paused. Resume it (Ctrl+Shift+P) to carry on.</source>
        <translation>
            <numerusform>%n etapa parada; a fila está pausada. Retome-a (Ctrl+Shift+P) para continuar.</numerusform>
            <numerusform>%n etapas paradas; a fila está pausada. Retome-a (Ctrl+Shift+P) para continuar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Solve the check in the browser window, then close it; scraping resumes by itself.</source>
        <translation>Resolva a verificação na janela do navegador e feche-a; a leitura das páginas recomeça sozinha.</translation>
    </message>
    <message>
        <source>Thanks! Scraping of %s resumes.</source>
        <translation>Obrigado! A leitura de %s recomeça.</translation>
    </message>
    <message>
        <source>Queue paused: nothing new starts until you resume.</source>
        <translation>Fila pausada: nada novo começa até você retomar.</translation>
    </message>
    <message>
        <source>Queue resumed.</source>
        <translation>Fila retomada.</translation>
    </message>
    <message>
        <source>trying again in %s s</source>
        <translation>nova tentativa em %s s</translation>
    </message>
    <message>
        <source>Stop every running step and pause the queue (Ctrl+Shift+.)</source>
        <translation>Para todas as etapas em andamento e pausa a fila (Ctrl+Shift+.)</translation>
    </message>
    <message>
        <source>Nothing is running</source>
        <translation>Nada está em andamento</translation>
    </message>
    <message numerus="yes">
        <source>%n working</source>
        <translation>
            <numerusform>%n em andamento</numerusform>
            <numerusform>%n em andamento</numerusform>
        </translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausada</translation>
    </message>
    <message>
        <source>Team mode settings are saved; they take effect when you restart Pigmeu.</source>
        <translation>As configurações do modo equipe foram salvas; elas passam a valer quando você reiniciar o Pigmeu.</translation>
    </message>
</context>
<context>
    <name>PromptsSection</name>
    <message>
        <source>Double-click to insert {{ %1 }} at the cursor.</source>
        <translation>Clique duas vezes para inserir {{ %1 }} no cursor.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message>
        <source>Nothing to edit: no prompt is installed.</source>
        <translation>Nada para editar: nenhum prompt está instalado.</translation>
    </message>
    <message>
        <source>Version %1, saved by %2 on %3.</source>
        <translation>Versão %1, salva por %2 em %3.</translation>
    </message>
    <message>
        <source>Same as the shipped default.</source>
        <translation>Igual ao padrão que vem com o app.</translation>
    </message>
    <message>
        <source>The JSON does not parse (line %1): %2</source>
        <translation>O JSON não pôde ser lido (linha %1): %2</translation>
    </message>
    <message>
        <source>Fix the JSON on that line (quotes, commas, brackets).</source>
        <translation>Corrija o JSON nessa linha (aspas, vírgulas, chaves).</translation>
    </message>
    <message>
        <source>The JSON must be one object ({ … }).</source>
        <translation>O JSON deve ser um único objeto ({ … }).</translation>
    </message>
    <message>
        <source>Wait: the prompts are being loaded or saved.</source>
        <translation>Aguarde: os prompts estão sendo carregados ou salvos.</translation>
    </message>
    <message>
        <source>There is nothing to save.</source>
        <translation>Não há nada para salvar.</translation>
    </message>
    <message>
        <source>Nothing changed since version %1.</source>
        <translation>Nada mudou desde a versão %1.</translation>
    </message>
    <message>
        <source>There is nothing to reset.</source>
        <translation>Não há nada para restaurar.</translation>
    </message>
    <message>
        <source>This is already the default shipped with the app.</source>
        <translation>Este já é o padrão que vem com o app.</translation>
    </message>
    <message>
        <source>Select one version to compare with the current one, or two to compare them.</source>
        <translation>Selecione uma versão para comparar com a atual, ou duas para compará-las.</translation>
    </message>
    <message>
        <source>Select one version to restore.</source>
        <translation>Selecione uma versão para restaurar.</translation>
    </message>
    <message>
        <source>This is the current version.</source>
        <translation>Esta é a versão atual.</translation>
    </message>
    <message>
        <source>Choose a template to preview it.</source>
        <translation>Escolha um modelo para ver a prévia.</translation>
    </message>
    <message>
        <source>No item in the queue has been read from Amazon yet; a sample book is used.</source>
        <translation>Nenhum item da fila foi lido da Amazon ainda; é usado um livro de exemplo.</translation>
    </message>
    <message>
        <source>Save the text as a new version (Ctrl+S).</source>
        <translation>Salvar o texto como uma nova versão (Ctrl+S).</translation>
    </message>
    <message>
        <source>Save the default shipped with the app as a new version; older versions stay.</source>
        <translation>Salvar o padrão que vem com o app como uma nova versão; as versões anteriores continuam guardadas.</translation>
    </message>
    <message>
        <source>Show what changed (Ctrl+Shift+D).</source>
        <translation>Mostrar o que mudou (Ctrl+Shift+D).</translation>
    </message>
    <message>
        <source>Save the selected version again as a new version; the ones after it stay.</source>
        <translation>Salvar de novo a versão selecionada como uma nova versão; as posteriores continuam guardadas.</translation>
    </message>
    <message>
        <source>Go back to the saved text of every template changed here.</source>
        <translation>Voltar ao texto salvo de todos os modelos alterados aqui.</translation>
    </message>
    <message>
        <source>Nothing to undo: no unsaved changes.</source>
        <translation>Nada para desfazer: não há alterações não salvas.</translation>
    </message>
    <message>
        <source>Render this template as drafting would send it (Ctrl+Shift+R).</source>
        <translation>Mostrar este modelo como a redação o enviaria (Ctrl+Shift+R).</translation>
    </message>
    <message>
        <source>%1: version %2 → version %3</source>
        <translation>%1: versão %2 → versão %3</translation>
    </message>
    <message>
        <source>This document has unsaved changes.</source>
        <translation>Este documento tem alterações não salvas.</translation>
    </message>
    <message>
        <source>Save them as a new version (Ctrl+S) or undo them first.</source>
        <translation>Salve-as como nova versão (Ctrl+S) ou desfaça-as antes.</translation>
    </message>
    <message>
        <source>Save them as a new version (Ctrl+S), or press Cancel again to discard them.</source>
        <translation>Salve-as como nova versão (Ctrl+S), ou pressione Cancelar de novo para descartá-las.</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Content schema</source>
        <translation>Esquema de conteúdo</translation>
    </message>
    <message>
        <source>System instructions</source>
        <translation>Instruções de sistema</translation>
    </message>
    <message>
        <source>Whole draft request</source>
        <translation>Pedido do rascunho inteiro</translation>
    </message>
    <message>
        <source>One-section request</source>
        <translation>Pedido de uma seção</translation>
    </message>
    <message>
        <source>Repair request (after an invalid answer)</source>
        <translation>Pedido de correção (após uma resposta inválida)</translation>
    </message>
    <message>
        <source>Sections, language and model hints (JSON)</source>
        <translation>Seções, idioma e ajustes do modelo (JSON)</translation>
    </message>
    <message>
        <source>Whole schema (JSON Schema)</source>
        <translation>Esquema inteiro (JSON Schema)</translation>
    </message>
    <message>
        <source>The book&apos;s facts as an object: book.title, book.authors, book.pages…</source>
        <translation>Os dados do livro como objeto: book.title, book.authors, book.pages…</translation>
    </message>
    <message>
        <source>The book&apos;s facts as JSON, safe to put between &lt;book_data&gt; tags</source>
        <translation>Os dados do livro em JSON, seguros entre as marcas &lt;book_data&gt;</translation>
    </message>
    <message>
        <source>The review&apos;s sections: each has .key and .heading</source>
        <translation>As seções da resenha: cada uma tem .key e .heading</translation>
    </message>
    <message>
        <source>The prompt&apos;s language code (pt-BR, en)</source>
        <translation>O código de idioma do prompt (pt-BR, en)</translation>
    </message>
    <message>
        <source>The current draft as JSON (one-section requests)</source>
        <translation>O rascunho atual em JSON (pedidos de uma seção)</translation>
    </message>
    <message>
        <source>The section being rewritten: .key and .heading</source>
        <translation>A seção sendo reescrita: .key e .heading</translation>
    </message>
    <message>
        <source>What the editor asked for (&quot;shorter&quot;), may be empty</source>
        <translation>O que o editor pediu (&quot;mais curto&quot;); pode estar vazio</translation>
    </message>
    <message>
        <source>Why the previous answer was refused</source>
        <translation>Por que a resposta anterior foi recusada</translation>
    </message>
    <message>
        <source>&amp;Document:</source>
        <translation>&amp;Documento:</translation>
    </message>
    <message>
        <source>&amp;Part:</source>
        <translation>&amp;Parte:</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variáveis</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Prévia</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versões</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variável</translation>
    </message>
    <message>
        <source>What it holds</source>
        <translation>O que contém</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>&amp;With item:</source>
        <translation>Co&amp;m o item:</translation>
    </message>
    <message>
        <source>The queue item whose book the preview uses.</source>
        <translation>O item da fila cujo livro a prévia usa.</translation>
    </message>
    <message>
        <source>&amp;Render</source>
        <translation>&amp;Ver prévia</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Comparar</translation>
    </message>
    <message>
        <source>Res&amp;tore</source>
        <translation>Res&amp;taurar</translation>
    </message>
    <message>
        <source>Save as &amp;new version</source>
        <translation>Salvar como &amp;nova versão</translation>
    </message>
    <message>
        <source>&amp;Undo changes</source>
        <translation>Desfa&amp;zer alterações</translation>
    </message>
    <message>
        <source>Reset to de&amp;fault</source>
        <translation>Voltar ao padrão de &amp;fábrica</translation>
    </message>
    <message>
        <source>The template&apos;s text. {{ variable }} inserts a value.</source>
        <translation>O texto do modelo. {{ variável }} insere um valor.</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>Update post</source>
        <translation>Atualizar post</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Publicar</translation>
    </message>
    <message>
        <source>As a WordPress draft (finish it in WordPress)</source>
        <translation>Como rascunho do WordPress (termine no WordPress)</translation>
    </message>
    <message>
        <source>Publish now</source>
        <translation>Publicar agora</translation>
    </message>
    <message>
        <source>Schedule for</source>
        <translation>Agendar para</translation>
    </message>
    <message>
        <source>site time (%1)</source>
        <translation>horário do site (%1)</translation>
    </message>
    <message>
        <source>the site&apos;s zone</source>
        <translation>fuso do site</translation>
    </message>
    <message>
        <source>WordPress draft</source>
        <translation>rascunho do WordPress</translation>
    </message>
    <message>
        <source>published now</source>
        <translation>publicado agora</translation>
    </message>
    <message>
        <source>scheduled for %1</source>
        <translation>agendado para %1</translation>
    </message>
    <message>
        <source>the book&apos;s cover</source>
        <translation>a capa do livro</translation>
    </message>
    <message>
        <source>none (no cover)</source>
        <translation>nenhuma (sem capa)</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Categorias</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Featured image</source>
        <translation>Imagem destacada</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Slug</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>What will be sent</source>
        <translation>O que será enviado</translation>
    </message>
</context>
<context>
    <name>PublishingSection</name>
    <message>
        <source>The affiliate tag for %1 is not valid: “%2”. Use letters, digits and hyphens, ending in the store&apos;s number, e.g. blog-20.</source>
        <translation>A tag de afiliado de %1 não é válida: “%2”. Use letras, dígitos e hífens, terminando no número da loja, ex.: blog-20.</translation>
    </message>
    <message>
        <source>Affiliate &amp;tags:</source>
        <translation>&amp;Tags de afiliado:</translation>
    </message>
    <message>
        <source>&amp;Disclosure:</source>
        <translation>&amp;Divulgação:</translation>
    </message>
    <message>
        <source>Post &amp;status:</source>
        <translation>&amp;Status do post:</translation>
    </message>
    <message>
        <source>Amazon store</source>
        <translation>Loja da Amazon</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Your Amazon Associates tag for each store, e.g. blog-20. Links to a store without a tag are published without one.</source>
        <translation>Sua tag do Associados da Amazon para cada loja, ex.: blog-20. Links de uma loja sem tag são publicados sem ela.</translation>
    </message>
    <message>
        <source>Empty: posts carry no disclosure</source>
        <translation>Vazio: os posts saem sem aviso de divulgação</translation>
    </message>
    <message>
        <source>Added at the end of every post. Amazon requires associates to show one.</source>
        <translation>Acrescentado ao fim de cada post. A Amazon exige que os associados exibam um.</translation>
    </message>
    <message>
        <source>Draft (publish it yourself in WordPress)</source>
        <translation>Rascunho (você publica no WordPress)</translation>
    </message>
    <message>
        <source>Published right away</source>
        <translation>Publicado na hora</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Agendado</translation>
    </message>
    <message>
        <source>The WordPress status of a post when an approved review is sent.</source>
        <translation>O status do post no WordPress quando uma resenha aprovada é enviada.</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Queued</source>
        <translation>Na fila</translation>
    </message>
    <message>
        <source>Reading page…</source>
        <translation>Lendo a página…</translation>
    </message>
    <message>
        <source>Page read</source>
        <translation>Página lida</translation>
    </message>
    <message>
        <source>Writing draft…</source>
        <translation>Escrevendo rascunho…</translation>
    </message>
    <message>
        <source>Draft ready</source>
        <translation>Rascunho pronto</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprovado</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Publicando…</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publicado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>ASIN</source>
        <translation>ASIN</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Loja</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Atualizado</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Com</translation>
    </message>
    <message>
        <source>(page not read yet)</source>
        <translation>(página ainda não lida)</translation>
    </message>
    <message>
        <source>worker on %s</source>
        <translation>worker em %s</translation>
    </message>
    <message>
        <source>Failed with code: %s</source>
        <translation>Falhou com o código: %s</translation>
    </message>
</context>
<context>
    <name>ReviewTeam</name>
    <message>
        <source>%s is editing this item; take it over to change it</source>
        <translation>%s está editando este item; assuma-o para alterá-lo</translation>
    </message>
    <message>
        <source>Nobody else is editing this item</source>
        <translation>Ninguém mais está editando este item</translation>
    </message>
    <message>
        <source>Edit this item yourself: %s&apos;s editor saves their changes and turns read-only (%s)</source>
        <translation>Editar este item você mesmo(a): o editor de %s salva as alterações dele(a) e fica somente leitura (%s)</translation>
    </message>
    <message>
        <source>The team server cannot be reached, so the item cannot be taken over now</source>
        <translation>O servidor da equipe não responde, então o item não pode ser assumido agora</translation>
    </message>
    <message>
        <source>Kept on this computer</source>
        <translation>Guardado neste computador</translation>
    </message>
    <message>
        <source>Approved on this computer; sent to the team database when it answers again.</source>
        <translation>Aprovado neste computador; enviado ao banco da equipe quando ele voltar a responder.</translation>
    </message>
    <message>
        <source>You took this item over from %s; their editor saved and turned read-only.</source>
        <translation>Você assumiu este item de %s; o editor dele(a) salvou e ficou somente leitura.</translation>
    </message>
    <message>
        <source>%s took this item over; your changes are saved and it is read-only here.</source>
        <translation>%s assumiu este item; suas alterações estão salvas e aqui ele fica somente leitura.</translation>
    </message>
    <message>
        <source>Nobody else is editing this item now: it is yours to edit.</source>
        <translation>Ninguém mais está editando este item agora: ele é seu para editar.</translation>
    </message>
    <message>
        <source>Sent to the team database</source>
        <translation>Enviado ao banco da equipe</translation>
    </message>
    <message>
        <source>Changed elsewhere</source>
        <translation>Alterado em outro lugar</translation>
    </message>
    <message>
        <source>Your changes made while the team database was down meet a teammate&apos;s newer version: choose which to keep.</source>
        <translation>Suas alterações feitas enquanto o banco da equipe estava fora encontraram uma versão mais nova de um colega: escolha qual manter.</translation>
    </message>
    <message>
        <source>Approve again once it is settled.</source>
        <translation>Aprove de novo depois de resolver.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%s&lt;/b&gt; took this item over. Your changes are saved; it is read-only here — take it back?</source>
        <translation>&lt;b&gt;%s&lt;/b&gt; assumiu este item. Suas alterações estão salvas; aqui ele fica somente leitura — assumir de volta?</translation>
    </message>
    <message>
        <source>&lt;b&gt;%s&lt;/b&gt; is editing — take over?</source>
        <translation>&lt;b&gt;%s&lt;/b&gt; está editando — assumir?</translation>
    </message>
    <message>
        <source>The team database does not answer: this change is kept on this computer and sent when it is back, through the same check for a teammate&apos;s newer version. Nothing is lost.</source>
        <translation>O banco da equipe não responde: esta alteração fica guardada neste computador e é enviada quando ele voltar, com a mesma verificação de versão mais nova de um colega. Nada se perde.</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>Assumir</translation>
    </message>
    <message>
        <source>Take over editing</source>
        <translation>Assumir a edição</translation>
    </message>
    <message>
        <source>Edit this item yourself; the teammate&apos;s editor turns read-only</source>
        <translation>Editar este item você mesmo(a); o editor do colega fica somente leitura</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <source>Save now (the draft is also saved as you type)</source>
        <translation>Salvar agora (o rascunho também é salvo enquanto você digita)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Undo the last change in the body</source>
        <translation>Desfazer a última mudança no texto</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Refazer</translation>
    </message>
    <message>
        <source>Redo the change undone</source>
        <translation>Refazer a mudança desfeita</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Aprovar</translation>
    </message>
    <message>
        <source>Approve the draft for publishing</source>
        <translation>Aprovar o rascunho para publicação</translation>
    </message>
    <message>
        <source>Generate draft</source>
        <translation>Gerar rascunho</translation>
    </message>
    <message>
        <source>Write the whole draft again with the AI (your text stays in the revisions)</source>
        <translation>Escrever o rascunho inteiro de novo com a IA (o seu texto fica nas revisões)</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Regenerar</translation>
    </message>
    <message>
        <source>Rewrite the chosen part with the AI; every other part stays as you left it</source>
        <translation>Reescrever a parte escolhida com a IA; todo o resto fica como você deixou</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Stop the AI; keep what arrived or drop it</source>
        <translation>Parar a IA; manter o que chegou ou descartar</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>Localizar…</translation>
    </message>
    <message>
        <source>Find in the body</source>
        <translation>Localizar no texto</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>Substituir…</translation>
    </message>
    <message>
        <source>Find and replace in the body</source>
        <translation>Localizar e substituir no texto</translation>
    </message>
    <message>
        <source>Revisions…</source>
        <translation>Revisões…</translation>
    </message>
    <message>
        <source>Compare any two revisions, restore one</source>
        <translation>Comparar duas revisões quaisquer, restaurar uma</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Prévia</translation>
    </message>
    <message>
        <source>Show or hide the post as it will read</source>
        <translation>Mostrar ou ocultar o post como será lido</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Close the editor (the draft is saved)</source>
        <translation>Fechar o editor (o rascunho é salvo)</translation>
    </message>
    <message>
        <source>Next item</source>
        <translation>Próximo item</translation>
    </message>
    <message>
        <source>Save and open the next item of the queue</source>
        <translation>Salvar e abrir o próximo item da fila</translation>
    </message>
    <message>
        <source>Previous item</source>
        <translation>Item anterior</translation>
    </message>
    <message>
        <source>Save and open the previous item of the queue</source>
        <translation>Salvar e abrir o item anterior da fila</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Revisão</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisão</translation>
    </message>
    <message>
        <source>tags, separated by commas</source>
        <translation>tags, separadas por vírgulas</translation>
    </message>
    <message>
        <source>categories, separated by commas</source>
        <translation>categorias, separadas por vírgulas</translation>
    </message>
    <message>
        <source>Instructions, e.g. shorter, no spoilers</source>
        <translation>Instruções, ex.: mais curto, sem spoilers</translation>
    </message>
    <message>
        <source>Default provider</source>
        <translation>Provedor padrão</translation>
    </message>
    <message>
        <source>No AI (skeleton)</source>
        <translation>Sem IA (esqueleto)</translation>
    </message>
    <message>
        <source>Which AI provider writes</source>
        <translation>Qual provedor de IA escreve</translation>
    </message>
    <message>
        <source>default model</source>
        <translation>modelo padrão</translation>
    </message>
    <message>
        <source>What to regenerate</source>
        <translation>O que regenerar</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>Body (Markdown)</source>
        <translation>Texto (Markdown)</translation>
    </message>
    <message>
        <source>Preview as published</source>
        <translation>Prévia como será publicado</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Verificações</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Revisões</translation>
    </message>
    <message>
        <source>Unexpected error; details are in the log.</source>
        <translation>Erro inesperado; os detalhes estão no log.</translation>
    </message>
    <message>
        <source>Code: %1</source>
        <translation>Código: %1</translation>
    </message>
    <message>
        <source>Unsaved</source>
        <translation>Não salvo</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Salvo %1</translation>
    </message>
    <message>
        <source>Whole draft</source>
        <translation>Rascunho inteiro</translation>
    </message>
    <message>
        <source>Section: %1</source>
        <translation>Seção: %1</translation>
    </message>
    <message>
        <source>The draft was updated elsewhere; showing the new text.</source>
        <translation>O rascunho foi atualizado em outro lugar; mostrando o texto novo.</translation>
    </message>
    <message>
        <source>No suggestions</source>
        <translation>Sem sugestões</translation>
    </message>
    <message numerus="yes">
        <source>%n word(s)</source>
        <translation>
            <numerusform>%n palavra</numerusform>
            <numerusform>%n palavras</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <source>Changed elsewhere</source>
        <translation>Alterado em outro lugar</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Não salvo</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>alguém</translation>
    </message>
    <message>
        <source>Your text was saved; theirs is in the revisions.</source>
        <translation>Seu texto foi salvo; o deles está nas revisões.</translation>
    </message>
    <message>
        <source>Their text is loaded; yours was not saved.</source>
        <translation>O texto deles foi carregado; o seu não foi salvo.</translation>
    </message>
    <message>
        <source>Merged. Clashes in %1 are marked &lt;&lt;&lt;&lt;&lt;&lt;&lt; mine … &gt;&gt;&gt;&gt;&gt;&gt;&gt; theirs: keep one side.</source>
        <translation>Mesclado. Os choques em %1 estão marcados &lt;&lt;&lt;&lt;&lt;&lt;&lt; mine … &gt;&gt;&gt;&gt;&gt;&gt;&gt; theirs: mantenha um dos lados.</translation>
    </message>
    <message>
        <source>Click to go there</source>
        <translation>Clique para ir até lá</translation>
    </message>
    <message>
        <source>written by %1</source>
        <translation>escrito por %1</translation>
    </message>
    <message>
        <source>Changed since publish</source>
        <translation>Alterado desde a publicação</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>IA</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>editado</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>restaurado</translation>
    </message>
    <message>
        <source>AI, stopped</source>
        <translation>IA, interrompida</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>mesclado</translation>
    </message>
    <message>
        <source>editor</source>
        <translation>editor</translation>
    </message>
    <message>
        <source>(from #%1)</source>
        <translation>(de #%1)</translation>
    </message>
    <message>
        <source>Revision %1 restored as a new revision.</source>
        <translation>Revisão %1 restaurada como nova revisão.</translation>
    </message>
    <message>
        <source>Stop the AI (Ctrl+.)</source>
        <translation>Parar a IA (Ctrl+.)</translation>
    </message>
    <message>
        <source>Nothing is being generated</source>
        <translation>Nada está sendo gerado</translation>
    </message>
    <message>
        <source>approve it first (Ctrl+Return)</source>
        <translation>aprove-o primeiro (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Approve the draft for publishing (Ctrl+Return)</source>
        <translation>Aprovar o rascunho para publicação (Ctrl+Return)</translation>
    </message>
    <message>
        <source>The Amazon page has not been read yet</source>
        <translation>A página da Amazon ainda não foi lida</translation>
    </message>
    <message>
        <source>No revisions yet</source>
        <translation>Ainda não há revisões</translation>
    </message>
    <message>
        <source>Update post</source>
        <translation>Atualizar post</translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation>Publicar…</translation>
    </message>
    <message>
        <source>Send the changes to the same WordPress post</source>
        <translation>Enviar as mudanças ao mesmo post do WordPress</translation>
    </message>
    <message>
        <source>Send the post to WordPress</source>
        <translation>Enviar o post ao WordPress</translation>
    </message>
    <message>
        <source>Cannot approve yet</source>
        <translation>Ainda não dá para aprovar</translation>
    </message>
    <message>
        <source>Approved. Publish when ready (Ctrl+Shift+Return).</source>
        <translation>Aprovado. Publique quando quiser (Ctrl+Shift+Return).</translation>
    </message>
    <message>
        <source>Open the post</source>
        <translation>Abrir o post</translation>
    </message>
    <message>
        <source>Sent to WordPress: post %1 (%2).</source>
        <translation>Enviado ao WordPress: post %1 (%2).</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Escrevendo…</translation>
    </message>
    <message>
        <source>New text written; the previous one is in the revisions.</source>
        <translation>Texto novo escrito; o anterior está nas revisões.</translation>
    </message>
    <message>
        <source>No more items in this direction.</source>
        <translation>Não há mais itens nesta direção.</translation>
    </message>
    <message>
        <source>Generation stopped</source>
        <translation>Geração interrompida</translation>
    </message>
    <message>
        <source>Keep the text that arrived so far?</source>
        <translation>Manter o texto que chegou até agora?</translation>
    </message>
    <message>
        <source>Keep as a revision</source>
        <translation>Manter como revisão</translation>
    </message>
    <message>
        <source>Drop it</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>RevisionsDialog</name>
    <message>
        <source>Revisions</source>
        <translation>Revisões</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>with</source>
        <translation>com</translation>
    </message>
    <message>
        <source>Restore the left revision</source>
        <translation>Restaurar a revisão da esquerda</translation>
    </message>
    <message>
        <source>Its text becomes the draft again, as a new revision; nothing is lost</source>
        <translation>O texto dela volta a ser o rascunho, como nova revisão; nada se perde</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <source>Set by the environment variable %s, which wins over this setting. Change it there.</source>
        <translation>Definido pela variável de ambiente %s, que prevalece sobre esta configuração. Altere-a lá.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Geral</translation>
    </message>
    <message>
        <source>AI provider</source>
        <translation>Provedor de IA</translation>
    </message>
    <message>
        <source>WordPress</source>
        <translation>WordPress</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Publicação</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Navegador</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Tarefas</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipe</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
</context>
<context>
    <name>SettingsProblems</name>
    <message>
        <source>Some settings could not be used; Pigmeu uses their defaults for now.</source>
        <translation>Algumas configurações não puderam ser usadas; o Pigmeu usa os valores padrão delas por enquanto.</translation>
    </message>
    <message>
        <source>Open Settings to choose a valid value and save, or correct or unset the environment variable named.</source>
        <translation>Abra as Configurações para escolher um valor válido e salvar, ou corrija ou remova a variável de ambiente indicada.</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Abrir Configurações…</translation>
    </message>
</context>
<context>
    <name>SourcePane</name>
    <message>
        <source>Source: what Amazon says</source>
        <translation>Fonte: o que a Amazon diz</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>Subtítulo</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>Autores</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Editora</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publicação</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>ISBN-10</source>
        <translation>ISBN-10</translation>
    </message>
    <message>
        <source>ISBN-13</source>
        <translation>ISBN-13</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>edited · reset</source>
        <translation>editado · desfazer</translation>
    </message>
    <message>
        <source>Your correction is kept when the page is read again; click to go back to the value read from Amazon</source>
        <translation>Sua correção é mantida quando a página é lida de novo; clique para voltar ao valor lido da Amazon</translation>
    </message>
    <message>
        <source>Names separated by ;</source>
        <translation>Nomes separados por ;</translation>
    </message>
    <message>
        <source>Open on Amazon</source>
        <translation>Abrir na Amazon</translation>
    </message>
    <message>
        <source>No cover downloaded</source>
        <translation>Nenhuma capa baixada</translation>
    </message>
    <message>
        <source>Filled from open data:</source>
        <translation>Preenchido com dados abertos:</translation>
    </message>
    <message>
        <source>Every field was read from the Amazon page.</source>
        <translation>Todos os campos foram lidos da página da Amazon.</translation>
    </message>
    <message>
        <source>The page has not been read yet.</source>
        <translation>A página ainda não foi lida.</translation>
    </message>
</context>
<context>
    <name>TeamMoveActions</name>
    <message>
        <source>Copy this computer&apos;s queue to the team</source>
        <translation>Copiar a fila deste computador para a equipe</translation>
    </message>
    <message>
        <source>Copy the team&apos;s queue to this computer</source>
        <translation>Copiar a fila da equipe para este computador</translation>
    </message>
    <message>
        <source>Add to the team database every item it lacks, with drafts and history</source>
        <translation>Adiciona ao banco de dados da equipe cada item que falta nele, com rascunhos e histórico</translation>
    </message>
    <message>
        <source>Add to this computer&apos;s database every team item it lacks</source>
        <translation>Adiciona ao banco de dados deste computador cada item da equipe que falta nele</translation>
    </message>
    <message>
        <source>A copy is running</source>
        <translation>Uma cópia está em andamento</translation>
    </message>
    <message>
        <source>Set the team&apos;s MongoDB address in Settings → Team first</source>
        <translation>Defina antes o endereço do MongoDB da equipe em Configurações → Equipe</translation>
    </message>
    <message>
        <source>Copying the queue…</source>
        <translation>Copiando a fila…</translation>
    </message>
    <message>
        <source>Queue copied</source>
        <translation>Fila copiada</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) copied</source>
        <translation>
            <numerusform>%n item copiado</numerusform>
            <numerusform>%n itens copiados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there (left as they are)</source>
        <translation>
            <numerusform>%n já estava lá (mantido como está)</numerusform>
            <numerusform>%n já estavam lá (mantidos como estão)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with a step running (copy them when it ends)</source>
        <translation>
            <numerusform>%n com uma etapa em andamento (copie quando terminar)</numerusform>
            <numerusform>%n com uma etapa em andamento (copie quando terminarem)</numerusform>
        </translation>
    </message>
    <message>
        <source>already there</source>
        <translation>já estava lá</translation>
    </message>
    <message>
        <source>a step is running</source>
        <translation>uma etapa está em andamento</translation>
    </message>
</context>
<context>
    <name>TeamPresence</name>
    <message>
        <source>you</source>
        <translation>você</translation>
    </message>
    <message>
        <source>%s is editing this item; take it over to change it</source>
        <translation>%s está editando este item; assuma-o para alterá-lo</translation>
    </message>
    <message>
        <source>Take this item over from %s (Ctrl+Shift+T)</source>
        <translation>Assumir este item de %s (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <source>Nobody else is editing this item</source>
        <translation>Ninguém mais está editando este item</translation>
    </message>
    <message>
        <source>The team server cannot be reached</source>
        <translation>O servidor da equipe não responde</translation>
    </message>
    <message>
        <source>&lt;b&gt;%s&lt;/b&gt; is editing this item — take over?</source>
        <translation>&lt;b&gt;%s&lt;/b&gt; está editando este item — assumir?</translation>
    </message>
    <message>
        <source>You took this item over from %s; their window turned read-only.</source>
        <translation>Você assumiu este item de %s; a janela dele(a) ficou somente leitura.</translation>
    </message>
    <message>
        <source>a teammate</source>
        <translation>um colega</translation>
    </message>
    <message>
        <source>%s took over the item you had open; it is read-only now.</source>
        <translation>%s assumiu o item que você tinha aberto; agora ele está somente leitura.</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) kept on this computer, sent when the team database is back</source>
        <translation>
            <numerusform>%n edição guardada neste computador, enviada quando o banco de dados da equipe voltar</numerusform>
            <numerusform>%n edições guardadas neste computador, enviadas quando o banco de dados da equipe voltar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offline edit(s) met a newer version: reload the item and redo them</source>
        <translation>
            <numerusform>%n edição offline encontrou uma versão mais nova: recarregue o item e refaça-a</numerusform>
            <numerusform>%n edições offline encontraram uma versão mais nova: recarregue os itens e refaça-as</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Team: %n edit(s) waiting</source>
        <translation>
            <numerusform>Equipe: %n edição aguardando</numerusform>
            <numerusform>Equipe: %n edições aguardando</numerusform>
        </translation>
    </message>
    <message>
        <source>Team: refreshing every few seconds</source>
        <translation>Equipe: atualizando a cada poucos segundos</translation>
    </message>
    <message>
        <source>The team&apos;s Redis does not answer: the queue is re-read from the database every few seconds instead of at once. It turns live again by itself.</source>
        <translation>O Redis da equipe não responde: a fila é relida do banco de dados a cada poucos segundos em vez de na hora. Volta ao vivo sozinha.</translation>
    </message>
    <message>
        <source>Team: offline</source>
        <translation>Equipe: offline</translation>
    </message>
    <message>
        <source>The team&apos;s Redis does not answer: who is editing what cannot be seen; your edits are kept and nothing is overwritten.</source>
        <translation>O Redis da equipe não responde: não dá para ver quem edita o quê; suas edições são guardadas e nada é sobrescrito.</translation>
    </message>
    <message numerus="yes">
        <source>Team: %n other editor(s) online</source>
        <translation>
            <numerusform>Equipe: %n outro editor online</numerusform>
            <numerusform>Equipe: %n outros editores online</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody else is working now</source>
        <translation>Ninguém mais está trabalhando agora</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>Assumir</translation>
    </message>
    <message>
        <source>Take over editing</source>
        <translation>Assumir a edição</translation>
    </message>
</context>
<context>
    <name>TeamSection</name>
    <message>
        <source>Turn team mode on to test the team servers.</source>
        <translation>Ative o modo equipe para testar os servidores da equipe.</translation>
    </message>
    <message>
        <source>Share the queue with the team (MongoDB + Redis)</source>
        <translation>Compartilhar a fila com a equipe (MongoDB + Redis)</translation>
    </message>
    <message>
        <source>Team mode:</source>
        <translation>Modo equipe:</translation>
    </message>
    <message>
        <source>Mongo&amp;DB address:</source>
        <translation>Endereço do Mongo&amp;DB:</translation>
    </message>
    <message>
        <source>Data&amp;base:</source>
        <translation>&amp;Banco de dados:</translation>
    </message>
    <message>
        <source>MongoDB password:</source>
        <translation>Senha do MongoDB:</translation>
    </message>
    <message>
        <source>&amp;Redis address:</source>
        <translation>Endereço do &amp;Redis:</translation>
    </message>
    <message>
        <source>Redis password:</source>
        <translation>Senha do Redis:</translation>
    </message>
</context>
<context>
    <name>TestableSection</name>
    <message>
        <source>Check these values now (nothing is saved).</source>
        <translation>Verificar estes valores agora (nada é salvo).</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Testando…</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testar</translation>
    </message>
</context>
<context>
    <name>VersionDiffDialog</name>
    <message numerus="yes">
        <source>%n part(s) changed: </source>
        <translation>
            <numerusform>%n parte mudou: </numerusform>
            <numerusform>%n partes mudaram: </numerusform>
        </translation>
    </message>
    <message>
        <source>The two versions are the same.</source>
        <translation>As duas versões são iguais.</translation>
    </message>
</context>
<context>
    <name>WordPressSection</name>
    <message>
        <source>Create an application password on &lt;a href=&quot;%s&quot;&gt;your profile page&lt;/a&gt; (Users → Profile → Application Passwords).</source>
        <translation>Crie uma senha de aplicativo na &lt;a href=&quot;%s&quot;&gt;sua página de perfil&lt;/a&gt; (Usuários → Perfil → Senhas de aplicativo).</translation>
    </message>
    <message>
        <source>Enter the site address to get the link to the page where application passwords are created.</source>
        <translation>Informe o endereço do site para ver o link da página onde as senhas de aplicativo são criadas.</translation>
    </message>
    <message>
        <source>The password comes from the environment variable WORDPRESS_PASSWORD.</source>
        <translation>A senha vem da variável de ambiente WORDPRESS_PASSWORD.</translation>
    </message>
    <message>
        <source>The system keyring is not available: the password cannot be saved.</source>
        <translation>O chaveiro do sistema não está disponível: a senha não pode ser salva.</translation>
    </message>
    <message>
        <source>A password for this user is saved in the system keyring.</source>
        <translation>Há uma senha deste usuário salva no chaveiro do sistema.</translation>
    </message>
    <message>
        <source>Use an application password, not your login password. It is kept in the system keyring.</source>
        <translation>Use uma senha de aplicativo, não a sua senha de login. Ela fica no chaveiro do sistema.</translation>
    </message>
    <message>
        <source>Enter the site address first.</source>
        <translation>Informe o endereço do site primeiro.</translation>
    </message>
    <message>
        <source>Enter the WordPress user first.</source>
        <translation>Informe o usuário do WordPress primeiro.</translation>
    </message>
    <message>
        <source>Enter the application password first.</source>
        <translation>Informe a senha de aplicativo primeiro.</translation>
    </message>
    <message>
        <source>&amp;Site address:</source>
        <translation>Endereço do &amp;site:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Usuário:</translation>
    </message>
    <message>
        <source>Application &amp;password:</source>
        <translation>Senha de a&amp;plicativo:</translation>
    </message>
    <message>
        <source>xxxx xxxx xxxx xxxx xxxx xxxx (leave empty to keep the saved one)</source>
        <translation>xxxx xxxx xxxx xxxx xxxx xxxx (deixe vazio para manter a salva)</translation>
    </message>
</context>
<context>
    <name>checks</name>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Slug</translation>
    </message>
    <message>
        <source>Excerpt</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <source>Meta description</source>
        <translation>Meta descrição</translation>
    </message>
    <message>
        <source>Focus keyword</source>
        <translation>Palavra-chave</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Categorias</translation>
    </message>
    <message>
        <source>first paragraph</source>
        <translation>primeiro parágrafo</translation>
    </message>
    <message>
        <source>Placeholder left: “%1” (%2) — write the text before approving</source>
        <translation>Marcador restante: “%1” (%2) — escreva o texto antes de aprovar</translation>
    </message>
    <message>
        <source>Merge markers left in %1 — keep one side before approving</source>
        <translation>Marcas de mesclagem em %1 — mantenha um lado antes de aprovar</translation>
    </message>
    <message>
        <source>%1 is too long: %2 characters, at most %3</source>
        <translation>%1 longo demais: %2 caracteres, no máximo %3</translation>
    </message>
    <message>
        <source>%1 is too short: %2 characters, at least %3</source>
        <translation>%1 curto demais: %2 caracteres, no mínimo %3</translation>
    </message>
    <message>
        <source>%1: length fine (%2)</source>
        <translation>%1: tamanho bom (%2)</translation>
    </message>
    <message>
        <source>No focus keyword</source>
        <translation>Sem palavra-chave</translation>
    </message>
    <message>
        <source>Focus keyword in the %1</source>
        <translation>Palavra-chave em: %1</translation>
    </message>
    <message>
        <source>Focus keyword missing from the %1</source>
        <translation>Palavra-chave ausente em: %1</translation>
    </message>
    <message>
        <source>No Amazon link in the body (publishing adds one at the end)</source>
        <translation>Sem link da Amazon no texto (a publicação acrescenta um no fim)</translation>
    </message>
    <message>
        <source>Amazon link present</source>
        <translation>Link da Amazon presente</translation>
    </message>
    <message>
        <source>Affiliate tag: %1</source>
        <translation>Tag de afiliado: %1</translation>
    </message>
    <message>
        <source>No affiliate tag for this store (Settings → Publishing)</source>
        <translation>Sem tag de afiliado para esta loja (Configurações → Publicação)</translation>
    </message>
    <message>
        <source>Disclosure added to the post</source>
        <translation>Aviso de afiliado incluído no post</translation>
    </message>
    <message>
        <source>No disclosure text (Settings → Publishing)</source>
        <translation>Sem texto de aviso de afiliado (Configurações → Publicação)</translation>
    </message>
    <message>
        <source>Check this fact, it is not in the book data: “%1”</source>
        <translation>Confira este dado, ele não está nos dados do livro: “%1”</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Not a Pigmeu backup</source>
        <translation>Não é um backup do Pigmeu</translation>
    </message>
    <message>
        <source>Backup from a newer version</source>
        <translation>Backup de uma versão mais nova</translation>
    </message>
    <message>
        <source>Browser download failed</source>
        <translation>O download do navegador falhou</translation>
    </message>
    <message>
        <source>Prompt template not valid</source>
        <translation>Modelo de prompt inválido</translation>
    </message>
    <message>
        <source>Content schema not valid</source>
        <translation>Esquema de conteúdo inválido</translation>
    </message>
    <message>
        <source>Paste an Amazon product link, an ASIN or an ISBN.</source>
        <translation>Cole um link de produto da Amazon, um ASIN ou um ISBN.</translation>
    </message>
    <message>
        <source>Only Amazon product pages can be added; check the address.</source>
        <translation>Só páginas de produto da Amazon podem ser adicionadas; confira o endereço.</translation>
    </message>
    <message>
        <source>Open the book&apos;s own page on Amazon and copy that link.</source>
        <translation>Abra a página do próprio livro na Amazon e copie esse link.</translation>
    </message>
    <message>
        <source>This book is already in the queue; nothing to do.</source>
        <translation>Este livro já está na fila; nada a fazer.</translation>
    </message>
    <message>
        <source>Open the page in the browser window, solve the check once, then retry.</source>
        <translation>Abra a página na janela do navegador, resolva a verificação uma vez e tente de novo.</translation>
    </message>
    <message>
        <source>Amazon no longer has this page; check the link or delete the item.</source>
        <translation>A Amazon não tem mais esta página; confira o link ou exclua o item.</translation>
    </message>
    <message>
        <source>This product is not a book; delete the item.</source>
        <translation>Este produto não é um livro; exclua o item.</translation>
    </message>
    <message>
        <source>Install Chromium or Google Chrome, or set PIGMEU_BROWSER to its path.</source>
        <translation>Instale o Chromium ou o Google Chrome, ou indique o caminho em PIGMEU_BROWSER.</translation>
    </message>
    <message>
        <source>Check the internet connection; the item will be retried.</source>
        <translation>Verifique a conexão com a internet; o item será tentado de novo.</translation>
    </message>
    <message>
        <source>The server was too slow; the item will be retried.</source>
        <translation>O servidor demorou demais; o item será tentado de novo.</translation>
    </message>
    <message>
        <source>Check the API key in Settings → AI provider.</source>
        <translation>Confira a chave de API em Configurações → Provedor de IA.</translation>
    </message>
    <message>
        <source>The provider is rate limiting; wait a little or switch provider.</source>
        <translation>O provedor está limitando as requisições; espere um pouco ou troque de provedor.</translation>
    </message>
    <message>
        <source>Regenerate the draft, or write it by hand from the raw text kept.</source>
        <translation>Gere o rascunho de novo ou escreva-o à mão a partir do texto bruto guardado.</translation>
    </message>
    <message>
        <source>The AI provider is down or unreachable; retry later or switch provider.</source>
        <translation>O provedor de IA está fora do ar ou inacessível; tente mais tarde ou troque de provedor.</translation>
    </message>
    <message>
        <source>Check the WordPress user and application password in Settings.</source>
        <translation>Confira o usuário e a senha de aplicativo do WordPress em Configurações.</translation>
    </message>
    <message>
        <source>Ask a site administrator for a role that can publish and upload.</source>
        <translation>Peça a um administrador do site uma função que possa publicar e enviar arquivos.</translation>
    </message>
    <message>
        <source>Enable the WordPress REST API and application passwords on the site.</source>
        <translation>Ative a API REST e as senhas de aplicativo do WordPress no site.</translation>
    </message>
    <message>
        <source>WordPress refused the post; check the draft&apos;s fields.</source>
        <translation>O WordPress recusou o post; confira os campos do rascunho.</translation>
    </message>
    <message>
        <source>Raise the site&apos;s upload limit or use a smaller cover.</source>
        <translation>Aumente o limite de envio do site ou use uma capa menor.</translation>
    </message>
    <message>
        <source>Someone else changed this item; reload it and apply your change again.</source>
        <translation>Outra pessoa alterou este item; recarregue-o e faça sua alteração de novo.</translation>
    </message>
    <message>
        <source>The database cannot be reached; check the data folder or team server.</source>
        <translation>O banco de dados está inacessível; verifique a pasta de dados ou o servidor da equipe.</translation>
    </message>
    <message>
        <source>Install or unlock a system keyring (e.g. gnome-keyring or KWallet).</source>
        <translation>Instale ou desbloqueie um chaveiro do sistema (por exemplo, gnome-keyring ou KWallet).</translation>
    </message>
    <message>
        <source>Start it again when you are ready (Retry).</source>
        <translation>Comece de novo quando quiser (Tentar de novo).</translation>
    </message>
    <message>
        <source>Run `pigmeu list` to see the items that exist.</source>
        <translation>Execute `pigmeu list` para ver os itens existentes.</translation>
    </message>
    <message>
        <source>The item is not in a state that allows this; check its status.</source>
        <translation>O item não está em um estado que permita isso; confira o status.</translation>
    </message>
    <message>
        <source>Check the value and try again.</source>
        <translation>Confira o valor e tente de novo.</translation>
    </message>
    <message>
        <source>The browser stopped unexpectedly; the item will be retried.</source>
        <translation>O navegador parou inesperadamente; o item será tentado de novo.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; the log has details. Retry the item.</source>
        <translation>Algo inesperado deu errado; o log tem os detalhes. Tente o item de novo.</translation>
    </message>
    <message>
        <source>Choose a file made by Export (File → Export) or `pigmeu export`.</source>
        <translation>Escolha um arquivo feito por Exportar (Arquivo → Exportar) ou por `pigmeu export`.</translation>
    </message>
    <message>
        <source>Update Pigmeu Copilot Desktop to the version that made the file, then import it.</source>
        <translation>Atualize o Pigmeu Copilot Desktop para a versão que fez o arquivo e importe-o de novo.</translation>
    </message>
    <message>
        <source>Check the internet connection and try again, or choose an installed Chrome or Edge.</source>
        <translation>Verifique a conexão com a internet e tente de novo, ou escolha um Chrome ou Edge instalado.</translation>
    </message>
    <message>
        <source>Fix the template where the message says, or restore an earlier version.</source>
        <translation>Corrija o modelo onde a mensagem indica, ou restaure uma versão anterior.</translation>
    </message>
    <message>
        <source>Fix the content schema where the message says, or restore an earlier version.</source>
        <translation>Corrija o esquema de conteúdo onde a mensagem indica, ou restaure uma versão anterior.</translation>
    </message>
    <message>
        <source>Not a link, ASIN or ISBN</source>
        <translation>Não é um link, ASIN ou ISBN</translation>
    </message>
    <message>
        <source>Not an Amazon link</source>
        <translation>Não é um link da Amazon</translation>
    </message>
    <message>
        <source>Not a product page</source>
        <translation>Não é uma página de produto</translation>
    </message>
    <message>
        <source>Already in the queue</source>
        <translation>Já está na fila</translation>
    </message>
    <message>
        <source>Amazon asked for a bot check</source>
        <translation>A Amazon pediu uma verificação anti-robô</translation>
    </message>
    <message>
        <source>Page not found on Amazon</source>
        <translation>Página não encontrada na Amazon</translation>
    </message>
    <message>
        <source>This product is not a book</source>
        <translation>Este produto não é um livro</translation>
    </message>
    <message>
        <source>No browser found</source>
        <translation>Nenhum navegador encontrado</translation>
    </message>
    <message>
        <source>No connection</source>
        <translation>Sem conexão</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Tempo esgotado</translation>
    </message>
    <message>
        <source>AI key rejected</source>
        <translation>Chave de IA recusada</translation>
    </message>
    <message>
        <source>AI provider is rate limiting</source>
        <translation>O provedor de IA está limitando as requisições</translation>
    </message>
    <message>
        <source>AI answer unusable</source>
        <translation>Resposta da IA inutilizável</translation>
    </message>
    <message>
        <source>AI provider unavailable</source>
        <translation>Provedor de IA indisponível</translation>
    </message>
    <message>
        <source>WordPress login failed</source>
        <translation>Falha no login do WordPress</translation>
    </message>
    <message>
        <source>WordPress refused permission</source>
        <translation>O WordPress negou a permissão</translation>
    </message>
    <message>
        <source>WordPress REST API unavailable</source>
        <translation>API REST do WordPress indisponível</translation>
    </message>
    <message>
        <source>WordPress refused the post</source>
        <translation>O WordPress recusou o post</translation>
    </message>
    <message>
        <source>Upload too large for the site</source>
        <translation>Envio grande demais para o site</translation>
    </message>
    <message>
        <source>Changed elsewhere</source>
        <translation>Alterado em outro lugar</translation>
    </message>
    <message>
        <source>Database unavailable</source>
        <translation>Banco de dados indisponível</translation>
    </message>
    <message>
        <source>System keyring unavailable</source>
        <translation>Chaveiro do sistema indisponível</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Item not found</source>
        <translation>Item não encontrado</translation>
    </message>
    <message>
        <source>Not possible in this state</source>
        <translation>Não é possível neste estado</translation>
    </message>
    <message>
        <source>Invalid value</source>
        <translation>Valor inválido</translation>
    </message>
    <message>
        <source>Browser stopped</source>
        <translation>O navegador parou</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Erro inesperado</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erro</translation>
    </message>
</context>
<context>
    <name>refusals</name>
    <message>
        <source>Only an item with a finished draft can be approved (now: %s)</source>
        <translation>Só um item com rascunho pronto pode ser aprovado (agora: %s)</translation>
    </message>
    <message>
        <source>The draft has not changed since it was published; edit it first (now: %s)</source>
        <translation>O rascunho não mudou desde que foi publicado; edite-o primeiro (agora: %s)</translation>
    </message>
    <message>
        <source>Only a failed or stopped item can be retried (now: %s)</source>
        <translation>Só um item que falhou ou foi parado pode ser tentado de novo (agora: %s)</translation>
    </message>
    <message>
        <source>Nothing is running on this item (now: %s)</source>
        <translation>Nada está em execução neste item (agora: %s)</translation>
    </message>
    <message>
        <source>A step is running on this item in another app (now: %s)</source>
        <translation>Uma etapa está em execução neste item em outro aplicativo (agora: %s)</translation>
    </message>
    <message>
        <source>Only an approved item can be published (now: %s)</source>
        <translation>Só um item aprovado pode ser publicado (agora: %s)</translation>
    </message>
    <message>
        <source>The item has no book data yet; scrape it first (now: %s)</source>
        <translation>O item ainda não tem dados do livro; extraia-os primeiro (agora: %s)</translation>
    </message>
    <message>
        <source>Not possible while the item is %s</source>
        <translation>Não é possível enquanto o item está %s</translation>
    </message>
</context>
</TS>
