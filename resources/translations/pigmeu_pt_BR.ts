<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>BrowserSection</name>
    <message>
        <source>&amp;Browser:</source>
        <translation>&amp;Navegador:</translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation>Pro&amp;xy:</translation>
    </message>
    <message>
        <source>Empty: find Chromium, Chrome or Edge automatically</source>
        <translation>Vazio: encontrar Chromium, Chrome ou Edge automaticamente</translation>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Item details</source>
        <translation>Detalhes do item</translation>
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
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
    <message>
        <source>Select an item first</source>
        <translation>Selecione um item primeiro</translation>
    </message>
    <message>
        <source>Approve the draft for publishing (Ctrl+Return)</source>
        <translation>Aprovar o rascunho para publicação (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Only an item with a finished draft can be approved (now: %s)</source>
        <translation>Só um item com rascunho pronto pode ser aprovado (agora: %s)</translation>
    </message>
    <message>
        <source>Unexpected error; details are in the log.</source>
        <translation>Erro inesperado; os detalhes estão no log.</translation>
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
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n itens</numerusform>
        </translation>
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
        <source>Settings are not available in this build.</source>
        <translation>As configurações não estão disponíveis nesta versão.</translation>
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
        <source>(page not read yet)</source>
        <translation>(página ainda não lida)</translation>
    </message>
    <message>
        <source>Failed with code: %s</source>
        <translation>Falhou com o código: %s</translation>
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
        <source>Browser</source>
        <translation>Navegador</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipe</translation>
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
</TS>
